import { readCapped } from "../common/read-file.js";
import { MAX_TAKEOUT_ENTRY_BYTES } from "../common/takeout-entry.js";
import type { RecordFormat } from "../contract.js";
import { parseGoogleFitTakeoutZip } from "./parse-google-fit-takeout.js";
import { isSessionJson, sessionFileEvents } from "./parse-sessions.js";
import { isAllDataJson, isDailyMetricsHeader, parseAllDataFile, parseDailyMetricsFile } from "./single-files.js";

/** A Google Takeout zip holding Google Fit's data. */
export const googleFitTakeoutZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some((name) => name.startsWith("Takeout/Fit/")) },
  async *open(path, opts) {
    yield* parseGoogleFitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};

/** One `Daily activity metrics` CSV on its own: a day's 15-minute rows (dated by the file name) or the summary. */
export const googleFitDailyMetricsCsv: RecordFormat = {
  kind: "records",
  sniff: { csvHeader: isDailyMetricsHeader },
  async *open(path, opts) {
    const buf = await readCapped(path, MAX_TAKEOUT_ENTRY_BYTES, "Google Fit daily metrics");
    opts.onBytes(buf.length);
    yield* parseDailyMetricsFile(buf, { nowMs: opts.nowMs, timeZone: opts.timeZone, filename: opts.filename });
  },
};

/** One `All Data/<type>_<source>.json` stream on its own. */
export const googleFitAllDataJson: RecordFormat = {
  kind: "records",
  sniff: { json: ({ text, keys }) => text.startsWith("{") && isAllDataJson(keys) },
  async *open(path, opts) {
    const buf = await readCapped(path, MAX_TAKEOUT_ENTRY_BYTES, "Google Fit All Data");
    opts.onBytes(buf.length);
    yield* parseAllDataFile(buf, { nowMs: opts.nowMs, timeZone: opts.timeZone, filename: opts.filename });
  },
};

/** One `All Sessions/<start>_<TYPE>.json` session on its own. */
export const googleFitSessionJson: RecordFormat = {
  kind: "records",
  sniff: { json: ({ text, keys }) => text.startsWith("{") && isSessionJson(keys) },
  async *open(path, opts) {
    const buf = await readCapped(path, MAX_TAKEOUT_ENTRY_BYTES, "Google Fit session");
    opts.onBytes(buf.length);
    yield* sessionFileEvents(opts.filename ?? "All Sessions file.json", buf, { nowMs: opts.nowMs }).events;
  },
};
