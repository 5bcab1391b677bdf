// Google Fit Takeout "Daily activity metrics": `<YYYY-MM-DD>.csv` (one row per 15 minutes, `Start time`/`End time`)
// and `Daily activity metrics.csv` (one row per local `Date`). Only steps and distance are read: "Calories (kcal)"
// is total burn including BMR (no sample type holds it), and heart rate/weight come as readings from "All Data".
import { parse } from "csv-parse/sync";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import { assertTimeZone } from "../../lib/zone.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { WallDate } from "./daily-metrics-time.js";
import { dateFromFileName, formatIsoDate, localDayBoundsUtcMs, parseIsoDate, resolveClock } from "./daily-metrics-time.js";
import { GOOGLE_FIT_SOURCE } from "./google-fit-source.js";

export interface DailyMetricsParseOptions {
  nowMs: number;
  /** IANA zone of the account, for `Date` cells and for times written without an offset. */
  timeZone: string;
  /** Local dates ("YYYY-MM-DD") whose summary rows are skipped because their 15-minute file was read. */
  skipDates?: ReadonlySet<string>;
}

const VALUE_COLUMNS: readonly { header: string; type: SampleType }[] = [
  { header: "step count", type: "steps" },
  { header: "distance (m)", type: "distance" },
];
// A row is 15 minutes; on a DST day a wall-clock quarter hour can span up to 75 minutes of real time.
const MAX_ROW_MS = 2 * 3600 * 1000;
// Real rows are a few hundred characters (~30 columns); this stops a quote-less multi-MB "record".
const MAX_RECORD_CHARS = 64 * 1024;

interface CsvRow {
  line: number;
  cells: string[];
}

interface Span {
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
}

type RowSpan = Span | { problem: string } | null;

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function isCsvRow(value: unknown): value is { record: string[]; info: { lines: number } } {
  if (typeof value !== "object" || value === null || !("record" in value) || !("info" in value)) return false;
  const { record, info } = value;
  return Array.isArray(record) && typeof info === "object" && info !== null && "lines" in info && typeof info.lines === "number";
}

function readRows(fileName: string, buf: Uint8Array): CsvRow[] {
  let parsed: unknown[];
  try {
    parsed = parse(Buffer.from(buf), {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
    });
  } catch (error) {
    throw new ParseError("CSV_INVALID", `${fileName} could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  let previousEndLine = 0;
  return parsed.flatMap((row) => {
    if (!isCsvRow(row)) return [];
    const line = previousEndLine + 1;
    previousEndLine = row.info.lines;
    return row.record.every((cell) => cell.trim() === "") ? [] : [{ line, cells: row.record }];
  });
}

function windowSpan(date: WallDate, startText: string, endText: string, timeZone: string): RowSpan {
  const start = resolveClock(date, startText, timeZone);
  let end = resolveClock(date, endText, timeZone);
  if (!start || !end) return { problem: `The times "${startText}"–"${endText}" are not in Google Fit's HH:mm:ss.SSS±hh:mm format.` };
  // The last row of a day ends at the next day's 00:00.
  if (end.utcMs <= start.utcMs) end = resolveClock(date, endText, timeZone, 1) ?? end;
  if (end.utcMs <= start.utcMs || end.utcMs - start.utcMs > MAX_ROW_MS) {
    return { problem: `The row from "${startText}" to "${endText}" is not a 15-minute window.` };
  }
  return { startMs: start.utcMs, endMs: end.utcMs, utcOffsetMin: start.utcOffsetMin };
}

function daySpan(dateText: string, opts: DailyMetricsParseOptions): RowSpan {
  const date = parseIsoDate(dateText);
  if (!date) return { problem: `The date "${dateText}" is not in YYYY-MM-DD format.` };
  if (opts.skipDates?.has(formatIsoDate(date))) return null;
  return { ...localDayBoundsUtcMs(date, opts.timeZone), utcOffsetMin: null };
}

function valueEvents(row: CsvRow, span: Span, columns: readonly { index: number; type: SampleType }[], opts: DailyMetricsParseOptions): ParseEvent[] {
  const where = `line ${row.line}`;
  return columns.flatMap(({ index, type }): ParseEvent[] => {
    const text = (row.cells[index] ?? "").trim();
    // Empty cells mean "no data"; zero rows add nothing to a total and would only multiply rows.
    if (text === "") return [];
    const value = Number(text);
    if (!Number.isFinite(value)) return [rejected(where, `The ${type} value "${text}" is not a number.`, type)];
    if (value === 0) return [];
    const problem = implausibility(type, value, span.startMs, span.endMs, opts.nowMs);
    if (problem) return [rejected(where, `The value was not imported: ${problem}.`, type)];
    return [{ kind: "sample", sample: { type, value, ...span, source: GOOGLE_FIT_SOURCE } }];
  });
}

/** Parses one Daily activity metrics CSV; the header tells the per-15-minute file from the per-day summary. */
export function* parseGoogleFitDailyMetrics(fileName: string, buf: Uint8Array, opts: DailyMetricsParseOptions): Generator<ParseEvent> {
  assertTimeZone(opts.timeZone);
  if (buf.length === 0) throw new ParseError("EMPTY_FILE", `${fileName} is empty.`);
  const [header, ...rows] = readRows(fileName, buf);
  const headers = (header?.cells ?? []).map((cell) => cell.trim().toLowerCase());
  const startIndex = headers.indexOf("start time");
  const endIndex = headers.indexOf("end time");
  const dateIndex = headers.indexOf("date");
  const columns = VALUE_COLUMNS.map(({ header: name, type }) => ({ index: headers.indexOf(name), type })).filter((c) => c.index >= 0);
  const fileDate = dateFromFileName(fileName);
  let spanOf: (row: CsvRow) => RowSpan;
  if (startIndex >= 0 && endIndex >= 0) {
    if (!fileDate) throw new ParseError("CSV_INVALID", `${fileName}: a 15-minute metrics file must be named after its date (YYYY-MM-DD.csv).`);
    spanOf = (row) => windowSpan(fileDate, row.cells[startIndex] ?? "", row.cells[endIndex] ?? "", opts.timeZone);
  } else if (dateIndex >= 0) {
    spanOf = (row) => daySpan(row.cells[dateIndex] ?? "", opts);
  } else {
    throw new ParseError(
      "CSV_INVALID",
      `${fileName} has neither "Start time"/"End time" nor "Date" columns: it is not a Google Fit daily activity metrics file.`,
    );
  }
  for (const row of rows) {
    const span = spanOf(row);
    if (span === null) continue;
    if ("problem" in span) yield rejected(`line ${row.line}`, span.problem, "row");
    else yield* valueEvents(row, span, columns, opts);
  }
}
