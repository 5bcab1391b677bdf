// Single files of a Google Fit Takeout, uploaded on their own rather than in the zip: a `Daily activity metrics`
// CSV (one day's 15-minute rows, its date in the file name, or the per-day summary) and an `All Data` stream JSON.
// They go through the same parsers as inside the zip.

import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { allDataEvents, decodeAllDataFile, isMergedStream } from "./parse-all-data.js";
import { parseGoogleFitDailyMetrics } from "./parse-daily-metrics.js";

export interface SingleFileOptions {
  nowMs: number;
  timeZone: string;
  filename: string | null;
}

const METRIC_COLUMNS = ["move minutes count", "step count", "calories (kcal)", "distance (m)"];

/** A Daily activity metrics header: the 15-minute file's `Start time, End time` or the summary's `Date`, with Fit's metric columns. */
export function isDailyMetricsHeader(cells: readonly string[]): boolean {
  const windowed = cells[0] === "start time" && cells[1] === "end time";
  const summary = cells[0] === "date";
  return (windowed || summary) && cells.includes("move minutes count") && METRIC_COLUMNS.filter((name) => cells.includes(name)).length >= 2;
}

export function* parseDailyMetricsFile(buf: Buffer, opts: SingleFileOptions): Generator<ParseEvent> {
  const name = opts.filename ?? "Daily activity metrics.csv";
  yield* parseGoogleFitDailyMetrics(name, buf, opts);
}

/** An `All Data` JSON: `{"Data Source": …, "Data Points": […]}`. */
export function isAllDataJson(keys: ReadonlySet<string>): boolean {
  return keys.has("$.Data Points");
}

export function* parseAllDataFile(buf: Buffer, opts: SingleFileOptions): Generator<ParseEvent> {
  const file = decodeAllDataFile(opts.filename ?? "All Data file.json", buf);
  if (file.dataType === null) {
    throw new ParseError("NO_DATA", "This Google Fit stream is not one wearsync reads (it reads steps, distance, heart rate and weight).");
  }
  if (file.dataSource !== null && !isMergedStream(file.dataSource)) {
    throw new ParseError(
      "NO_DATA",
      `This file is the raw or per-app stream "${file.dataSource}", which repeats readings of Google's merged stream: upload the "derived_…merge…" file of the same type instead.`,
    );
  }
  yield* allDataEvents(file, opts);
}
