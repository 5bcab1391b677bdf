// Strava's bulk export ("Download or delete your account" → a zip): `activities.csv` and the original uploads in
// `activities/` (`.fit.gz` for most, `.gpx`, `.gpx.gz`, `.tcx.gz`). The original file is authoritative: it has the
// device's own totals and heart rate. A CSV row becomes a workout of its own only when its original is missing from
// the archive or yields no workout (manual entries have no file at all).

import { Readable } from "node:stream";
import { gunzipBuffer } from "../common/gzip.js";
import { guardedEntryEvents, MAX_TAKEOUT_ENTRY_BYTES, readEntry } from "../common/takeout-entry.js";
import type { ZipLimits } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry, inflatedBytesOf, listZipEntryNames } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { parseFit } from "../fit/parse-fit.js";
import { readCsvRecords } from "../food-log/csv-records.js";
import { parseGpx } from "../gpx/parse-gpx.js";
import { parseTcx } from "../tcx/parse-tcx.js";
import { isStravaHeader, type StravaColumns, type StravaRow, stravaColumns, stravaRow, stravaRowEvents } from "./strava-csv.js";

export interface StravaOptions {
  nowMs: number;
  onBytes: (bytes: number) => void;
  onTotalBytes?: (bytes: number) => void;
}

// activities.csv is ~1 KB per activity: 64 MiB is tens of thousands of activities.
const ORIGINAL = /(^|\/)activities\/[^/]+\.(fit|tcx|gpx)(\.gz)?$/i;

/** The export's `activities.csv`: at the root, or inside the one folder the zip was made from. */
export function stravaCsvEntry(entryNames: readonly string[]): string | null {
  return entryNames.find((name) => /^([^/]+\/)?activities\.csv$/i.test(name)) ?? null;
}

interface StravaTable {
  columns: StravaColumns;
  rows: StravaRow[];
}

async function* csvRows(input: Readable): AsyncGenerator<{ columns: StravaColumns } | { row: StravaRow }> {
  let columns: StravaColumns | null = null;
  for await (const record of readCsvRecords(input, { maxColumns: 400 })) {
    if (columns === null) {
      const header = record.cells.map((cell) => cell.replace(/\s+/g, " ").trim().toLowerCase());
      if (!isStravaHeader(header)) {
        throw new ParseError(
          "CSV_INVALID",
          "activities.csv does not start with Strava's header (Activity ID, Activity Date, Activity Name, Activity Type).",
        );
      }
      columns = stravaColumns(header);
      yield { columns };
    } else yield { row: stravaRow(record.cells, record.line, columns) };
  }
  if (columns === null) throw new ParseError("EMPTY_FILE", "activities.csv is empty.");
}

/** An `activities.csv` uploaded on its own: every row is a workout. */
export async function* parseStravaActivitiesCsv(input: Readable, nowMs: number): AsyncGenerator<ParseEvent> {
  let columns: StravaColumns | null = null;
  for await (const item of csvRows(input)) {
    if ("columns" in item) columns = item.columns;
    else if (columns !== null) yield* stravaRowEvents(item.row, columns, nowMs);
  }
}

async function readTable(buf: Buffer): Promise<StravaTable> {
  const table: { columns: StravaColumns | null; rows: StravaRow[] } = { columns: null, rows: [] };
  for await (const item of csvRows(Readable.from([buf]))) {
    if ("columns" in item) table.columns = item.columns;
    else table.rows.push(item.row);
  }
  if (table.columns === null) throw new ParseError("EMPTY_FILE", "activities.csv is empty.");
  return { columns: table.columns, rows: table.rows };
}

/** The events of one original file, by its extension; `.gz` ones are inflated first. */
async function* originalEvents(entryName: string, raw: Buffer, nowMs: number): AsyncGenerator<ParseEvent> {
  const lower = entryName.toLowerCase();
  const buf = lower.endsWith(".gz") ? gunzipBuffer(raw, MAX_TAKEOUT_ENTRY_BYTES, "The file") : raw;
  const plain = lower.replace(/\.gz$/, "");
  if (plain.endsWith(".fit")) yield* parseFit(buf, { nowMs });
  else if (plain.endsWith(".tcx")) yield* parseTcx(buf, { nowMs });
  else yield* parseGpx(buf, { nowMs });
}

/** An original's workouts, given Strava's activity type when the file itself only says "other". */
function withRowType(event: ParseEvent, row: StravaRow | undefined): ParseEvent {
  if (event.kind !== "workout" || row === undefined || event.workout.activityType !== "other") return event;
  return { ...event, workout: { ...event.workout, activityType: row.activityType } };
}

async function readCsvEntry(path: string, csvName: string, limits: ZipLimits): Promise<Buffer> {
  for await (const entry of eachZipEntry(path, (name) => name === csvName, limits)) {
    const buf = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    if (Buffer.isBuffer(buf)) return buf;
    throw new ParseError("FILE_TOO_LARGE", `activities.csv is larger than ${MAX_TAKEOUT_ENTRY_BYTES} bytes.`);
  }
  throw new ParseError("ZIP_NO_EXPORT", "The zip has no activities.csv: is this a Strava bulk export?");
}

/** Streams a Strava bulk export zip: the originals first (each read whole under a cap), then the rows without one. */
export async function* parseStravaZip(path: string, opts: StravaOptions, limits: ZipLimits = DEFAULT_ZIP_LIMITS): AsyncGenerator<ParseEvent> {
  const names = await listZipEntryNames(path, limits);
  const csvName = stravaCsvEntry(names);
  if (csvName === null) throw new ParseError("ZIP_NO_EXPORT", "The zip has no activities.csv: is this a Strava bulk export?");
  const prefix = csvName.slice(0, csvName.length - "activities.csv".length);
  const table = await readTable(await readCsvEntry(path, csvName, limits));
  const rowByFile = new Map(table.rows.filter((row) => row.filename !== "").map((row) => [`${prefix}${row.filename}`, row]));
  const covered = new Set<StravaRow>();
  const isOriginal = (name: string): boolean => name.startsWith(prefix) && ORIGINAL.test(name);
  opts.onTotalBytes?.(await inflatedBytesOf(path, isOriginal, limits));
  let bytes = 0;
  for await (const entry of eachZipEntry(path, isOriginal, limits)) {
    const raw = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    bytes += entry.uncompressedBytes;
    opts.onBytes(bytes);
    if (!Buffer.isBuffer(raw)) {
      yield raw;
      continue;
    }
    const row = rowByFile.get(entry.entryName);
    for await (const event of guardedEntryEvents(entry.entryName, () => originalEvents(entry.entryName, raw, opts.nowMs))) {
      if (event.kind === "workout" && row !== undefined) covered.add(row);
      yield withRowType(event, row);
    }
  }
  for (const row of table.rows) {
    if (!covered.has(row)) yield* stravaRowEvents(row, table.columns, opts.nowMs);
  }
}
