// Google Takeout zip with `Takeout/Fit/`. Several of its files are views of the same data, so
// exactly one is read per metric: steps + distance from the daily metrics CSVs, heart rate + weight from Google's
// merged "All Data" streams, workouts from Activities/*.tcx, and from All Sessions/*.json the sessions that have no
// TCX (a session with a track is in both; the TCX, with its heart rate, is kept: parse-sessions.ts). Both the 15-minute rows and the per-day summary rows
// are kept: day assembly counts the 15-minute detail where it exists, and the summary row tells it the whole day
// was covered (a 15-minute file has no row for the quarter hours without steps).

import { assertTimeZone } from "../../lib/zone.js";
import { guardedEntryEvents, MAX_TAKEOUT_ENTRY_BYTES, readEntry } from "../common/takeout-entry.js";
import type { ZipLimits } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry, listZipEntryNames } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { parseGoogleFitTcx } from "./parse-activities.js";
import { allDataEvents, decodeAllDataFile, isMergedStream } from "./parse-all-data.js";
import { parseGoogleFitDailyMetrics } from "./parse-daily-metrics.js";
import { sessionFileEvents } from "./parse-sessions.js";

export interface GoogleFitTakeoutOptions {
  nowMs: number;
  /** IANA zone of the account: summary-CSV dates and times written without an offset are local to it. */
  timeZone: string;
}

export type GoogleFitEntryKind = "activity_tcx" | "day_windows_csv" | "days_summary_csv" | "all_data_json" | "session_json";

const FIT_ROOT = "Takeout/Fit/";
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.csv$/i;
// Read from "All Data": heart rate and weight as readings; calories only to say once why they are not imported.
// Step and distance streams (three overlapping step files) are never read: the daily CSVs carry those.
const ALL_DATA_READ = /^derived_com\.google\.(heart_rate\.bpm|weight|calories\.expended)_/;
// All Sessions files are named by their local start ("2025-02-12T07_10_53.123+05_30_WALKING.json").
const SESSION_FILE = /^\d{4}-\d{2}-\d{2}T.*\.json$/i;
/** A session covered by a TCX workout for at least this share of its time is that workout (same share as grouping). */
const SAME_SESSION_SHARE = 0.5;

function baseNameOf(entryName: string): string {
  return entryName.slice(entryName.lastIndexOf("/") + 1);
}

/**
 * What a Takeout entry is by its name, or null when it is not read. Folder names are localized
 * ("Toutes les données"), so only the Fit root and the file name itself are relied on.
 */
export function googleFitEntryKind(entryName: string): GoogleFitEntryKind | null {
  if (!entryName.startsWith(FIT_ROOT)) return null;
  const baseName = baseNameOf(entryName);
  const lower = baseName.toLowerCase();
  if (lower.endsWith(".tcx")) return "activity_tcx";
  if (DAY_FILE.test(baseName)) return "day_windows_csv";
  if (lower.endsWith(".csv")) return "days_summary_csv";
  if (SESSION_FILE.test(baseName)) return "session_json";
  return lower.endsWith(".json") && ALL_DATA_READ.test(baseName) ? "all_data_json" : null;
}

function noExport(): ParseError {
  return new ParseError(
    "ZIP_NO_EXPORT",
    `The zip has no Google Fit data under ${FIT_ROOT} (Daily activity metrics CSVs, Activities TCX files, All Sessions or All Data JSON): is this a Google Fit Takeout?`,
  );
}

function* allDataEntryEvents(entryName: string, buf: Buffer, opts: GoogleFitTakeoutOptions): Generator<ParseEvent> {
  const file = decodeAllDataFile(entryName, buf);
  if (file.dataType === null) return;
  if (file.dataSource === null) {
    const reason = `The file does not name its data stream, so it cannot be told apart from the duplicate raw streams; it was not imported.`;
    yield { kind: "rejected", rejection: { where: "file", reason, recordType: file.dataType } };
    return;
  }
  // Raw and per-app derived streams hold the same readings as Google's merged stream of that type.
  if (!isMergedStream(file.dataSource)) return;
  yield* allDataEvents(file, opts);
}

async function* entryEvents(kind: GoogleFitEntryKind, entryName: string, buf: Buffer, opts: GoogleFitTakeoutOptions): AsyncGenerator<ParseEvent> {
  switch (kind) {
    case "activity_tcx": {
      // Buffered so that a TCX failing half-way contributes nothing rather than half a file.
      const events: ParseEvent[] = [];
      for await (const event of parseGoogleFitTcx(buf, opts)) events.push(event);
      yield* events;
      return;
    }
    case "day_windows_csv":
    case "days_summary_csv":
      yield* parseGoogleFitDailyMetrics(entryName, buf, opts);
      return;
    case "all_data_json":
      yield* allDataEntryEvents(entryName, buf, opts);
      return;
    case "session_json":
      // Read in the second pass, once the TCX workouts are known.
      return;
  }
}

interface Window {
  startMs: number;
  endMs: number;
}

function coveredShare(session: Window, windows: readonly Window[]): number {
  const span = session.endMs - session.startMs;
  if (span <= 0) return windows.some((w) => w.startMs <= session.startMs && session.startMs <= w.endMs) ? 1 : 0;
  const best = Math.max(0, ...windows.map((w) => Math.min(w.endMs, session.endMs) - Math.max(w.startMs, session.startMs)));
  return best / span;
}

/** The session files, each a workout unless a TCX workout of the export already stands for it. */
async function* sessionEntries(
  path: string,
  tcxWindows: readonly Window[],
  opts: GoogleFitTakeoutOptions,
  limits: ZipLimits,
): AsyncGenerator<ParseEvent> {
  let sameAsTcx = 0;
  for await (const entry of eachZipEntry(path, (name) => googleFitEntryKind(name) === "session_json", limits)) {
    const buf = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    if (!Buffer.isBuffer(buf)) {
      yield buf;
      continue;
    }
    yield* guardedEntryEvents(entry.entryName, function* () {
      const session = sessionFileEvents(entry.entryName, buf, opts);
      if (session.window !== null && coveredShare(session.window, tcxWindows) >= SAME_SESSION_SHARE) sameAsTcx++;
      else yield* session.events;
    });
  }
  if (sameAsTcx > 0) yield { kind: "skipped", recordType: "google_fit_session_with_tcx", count: sameAsTcx };
}

/** Streams the events of a Google Fit Takeout zip, entry by entry; rejections name the entry they come from. */
export async function* parseGoogleFitTakeoutZip(
  path: string,
  opts: GoogleFitTakeoutOptions,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  assertTimeZone(opts.timeZone);
  const names = (await listZipEntryNames(path, limits)).filter((name) => !name.endsWith("/"));
  if (!names.some((name) => googleFitEntryKind(name) !== null)) throw noExport();
  const tcxWindows: Window[] = [];
  const firstPass = (name: string) => {
    const kind = googleFitEntryKind(name);
    return kind !== null && kind !== "session_json";
  };
  for await (const entry of eachZipEntry(path, firstPass, limits)) {
    const kind = googleFitEntryKind(entry.entryName);
    if (kind === null) continue;
    const buf = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    if (!Buffer.isBuffer(buf)) {
      yield buf;
      continue;
    }
    for await (const event of guardedEntryEvents(entry.entryName, () => entryEvents(kind, entry.entryName, buf, opts))) {
      if (event.kind === "workout") tcxWindows.push({ startMs: event.workout.startMs, endMs: event.workout.endMs });
      yield event;
    }
  }
  if (names.some((name) => googleFitEntryKind(name) === "session_json")) yield* sessionEntries(path, tcxWindows, opts, limits);
}
