// Samsung Health's data types, one CSV each, to samples and workouts. What is read:
//   pedometer_day_summary → steps per local day (one row per device plus a combined one per day: the largest is
//                           taken, never the sum, since the combined row already merges the devices);
//   tracker.heart_rate    → heart rate readings;      health.weight → weight and body fat;
//   shealth.exercise      → workouts (duration in ms, distance in m, calorie in kcal, mean/max heart rate);
//   shealth.sleep + health.sleep_stage → sleep samples (samsung-sleep.ts).
// Everything else (stress, the step_count detail that the day summary already totals, …) is counted as skipped by
// its data type.

import { Readable } from "node:stream";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import { assertTimeZone, localDayWindow } from "../../lib/zone.js";
import { guardedEntryEvents, MAX_TAKEOUT_ENTRY_BYTES, readEntry } from "../common/takeout-entry.js";
import { draftEvents, NO_DEVICE_SUMMARY, type WorkoutDraft } from "../common/workout-draft.js";
import type { ZipLimits, ZipProgress } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry, inflatedBytesOf, listZipEntryNames, NO_PROGRESS } from "../common/zip.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import { ParseError } from "../contract.js";
import { openSamsungTable, type SamsungRow, samsungInstant, samsungOffsetMin } from "./samsung-csv.js";
import { SAMSUNG_SLEEP, SAMSUNG_SLEEP_STAGE, sleepSessionEvents, sleepStageEvents } from "./samsung-sleep.js";

export interface SamsungOptions {
  nowMs: number;
  /** The profile's zone: the day summaries carry a local date and no offset. */
  timeZone: string;
}

const SAMSUNG_SOURCE: SourceRef = { name: "Samsung Health", deviceType: "app", device: null };

const DAY_SUMMARY = "com.samsung.shealth.tracker.pedometer_day_summary";
const HEART_RATE = "com.samsung.shealth.tracker.heart_rate";
const WEIGHT = "com.samsung.health.weight";
const EXERCISE = "com.samsung.shealth.exercise";

// Samsung Health SDK exercise types (HealthConstants.Exercise); the others are kept as "other".
const EXERCISE_TYPES: Record<string, string> = {
  "1001": "walking",
  "1002": "running",
  "11007": "cycling",
  "13001": "hiking",
  "14001": "swimming",
};

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function numberOf(text: string): number | null {
  if (text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function sample(
  type: SampleType,
  value: number,
  startMs: number,
  endMs: number,
  utcOffsetMin: number | null,
  where: string,
  nowMs: number,
): ParseEvent {
  const problem = implausibility(type, value, startMs, endMs, nowMs);
  if (problem) return rejected(where, `The value was not imported: ${problem}.`, type);
  return { kind: "sample", sample: { type, value, startMs, endMs, utcOffsetMin, source: SAMSUNG_SOURCE } };
}

interface Timed {
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
}

function timesOf(row: SamsungRow): Timed | null {
  const startMs = samsungInstant(row.get("start_time"));
  if (startMs === null) return null;
  const end = samsungInstant(row.get("end_time"));
  return { startMs, endMs: end !== null && end >= startMs ? end : startMs, utcOffsetMin: samsungOffsetMin(row.get("time_offset")) };
}

const BAD_TIME = "The row's start_time is not Samsung's \"YYYY-MM-DD HH:MM:SS.sss\"; it was not imported.";

async function* daySummaryEvents(rows: AsyncIterable<SamsungRow>, opts: SamsungOptions): AsyncGenerator<ParseEvent> {
  const best = new Map<string, { steps: number; line: number }>();
  for await (const row of rows) {
    const dayMs = numberOf(row.get("day_time"));
    const steps = numberOf(row.get("step_count"));
    if (dayMs === null || steps === null) {
      yield rejected(`line ${row.line}`, "The row has no day_time or step_count number; it was not imported.", "steps");
      continue;
    }
    // day_time is the local date's 00:00 written as if it were UTC.
    const date = new Date(dayMs).toISOString().slice(0, 10);
    const seen = best.get(date);
    if (seen === undefined || steps > seen.steps) best.set(date, { steps, line: row.line });
  }
  for (const [date, { steps, line }] of [...best].sort(([a], [b]) => a.localeCompare(b))) {
    if (steps === 0) continue;
    const day = localDayWindow(date, opts.timeZone);
    yield sample("steps", steps, day.startMs, day.endMs, null, `line ${line}`, opts.nowMs);
  }
}

async function* heartRateEvents(rows: AsyncIterable<SamsungRow>, opts: SamsungOptions): AsyncGenerator<ParseEvent> {
  for await (const row of rows) {
    const where = `line ${row.line}`;
    const times = timesOf(row);
    const bpm = numberOf(row.get("heart_rate"));
    if (times === null) yield rejected(where, BAD_TIME, "heart_rate");
    else if (bpm === null) yield rejected(where, "The row has no heart_rate number; it was not imported.", "heart_rate");
    else yield sample("heart_rate", bpm, times.startMs, times.endMs, times.utcOffsetMin, where, opts.nowMs);
  }
}

async function* weightEvents(rows: AsyncIterable<SamsungRow>, opts: SamsungOptions): AsyncGenerator<ParseEvent> {
  for await (const row of rows) {
    const where = `line ${row.line}`;
    const times = timesOf(row);
    if (times === null) {
      yield rejected(where, BAD_TIME, "body_mass");
      continue;
    }
    const kg = numberOf(row.get("weight"));
    const fat = numberOf(row.get("body_fat"));
    if (kg !== null && kg > 0) yield sample("body_mass", kg, times.startMs, times.startMs, times.utcOffsetMin, where, opts.nowMs);
    if (fat !== null && fat > 0) yield sample("body_fat_percentage", fat, times.startMs, times.startMs, times.utcOffsetMin, where, opts.nowMs);
  }
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

async function* exerciseEvents(rows: AsyncIterable<SamsungRow>, opts: SamsungOptions): AsyncGenerator<ParseEvent> {
  for await (const row of rows) {
    const where = `line ${row.line}`;
    const times = timesOf(row);
    if (times === null) {
      yield rejected(where, BAD_TIME, "workout");
      continue;
    }
    const durationMs = positive(numberOf(row.get("duration")));
    const endMs = times.endMs > times.startMs ? times.endMs : times.startMs + (durationMs ?? 0);
    const uuid = row.get("datauuid");
    const draft: WorkoutDraft = {
      externalId: uuid === "" ? null : `samsung:${uuid}`,
      activityType: EXERCISE_TYPES[row.get("exercise_type")] ?? "other",
      startMs: times.startMs,
      endMs,
      utcOffsetMin: times.utcOffsetMin,
      source: SAMSUNG_SOURCE,
      // Samsung Health's exercise `calorie` is what the whole session burned (its summary shows it beside the day's
      // resting energy), so it includes the resting part.
      energyBasis: "gross",
      device: {
        ...NO_DEVICE_SUMMARY,
        durationSec: durationMs === null ? null : durationMs / 1000,
        distanceM: positive(numberOf(row.get("distance"))),
        activeEnergyKcal: positive(numberOf(row.get("calorie"))),
        avgHrBpm: positive(numberOf(row.get("mean_heart_rate"))),
        maxHrBpm: positive(numberOf(row.get("max_heart_rate"))),
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: [],
    };
    yield* draftEvents(draft, where, opts.nowMs);
  }
}

/**
 * The events of one Samsung Health CSV, by the data type its first line names. `stagedSleepIds` carries the sessions
 * a sleep_stage file already covered to the sleep file read after it (in a zip); on its own a session counts as asleep.
 */
export async function* parseSamsungCsv(
  input: Readable,
  opts: SamsungOptions,
  what = "The Samsung Health file",
  stagedSleepIds: Set<string> = new Set(),
): AsyncGenerator<ParseEvent> {
  assertTimeZone(opts.timeZone);
  const table = await openSamsungTable(input, what);
  const sleepCtx = { nowMs: opts.nowMs, source: SAMSUNG_SOURCE };
  switch (table.dataType) {
    case SAMSUNG_SLEEP_STAGE:
      for (const id of yield* sleepStageEvents(table.rows, sleepCtx)) stagedSleepIds.add(id);
      return;
    case SAMSUNG_SLEEP:
      yield* sleepSessionEvents(table.rows, stagedSleepIds, sleepCtx);
      return;
    case DAY_SUMMARY:
      yield* daySummaryEvents(table.rows, opts);
      return;
    case HEART_RATE:
      yield* heartRateEvents(table.rows, opts);
      return;
    case WEIGHT:
      yield* weightEvents(table.rows, opts);
      return;
    case EXERCISE:
      yield* exerciseEvents(table.rows, opts);
      return;
    default: {
      let count = 0;
      for await (const _row of table.rows) count++;
      if (count > 0) yield { kind: "skipped", recordType: table.dataType, count };
    }
  }
}

const DATA_FILE = /(^|\/)com\.samsung\.[^/]+\.csv$/i;

/** Whether a zip entry is one of the export's per-type CSVs (the `jsons/` side files are not read). */
export function isSamsungDataFile(entryName: string): boolean {
  return DATA_FILE.test(entryName) && !/(^|\/)jsons\//i.test(entryName);
}

const SLEEP_SESSIONS_FILE = /(^|\/)com\.samsung\.shealth\.sleep\.[^/]*\.csv$/i;

/**
 * The export folder zipped: every per-type CSV in it, each read whole under the per-file cap. The sleep sessions file
 * is read last, once the stage file has said which sessions have stages, whatever the zip's order.
 */
export async function* parseSamsungZip(
  path: string,
  opts: SamsungOptions,
  progress: ZipProgress = NO_PROGRESS,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  const names = await listZipEntryNames(path, limits);
  if (!names.some(isSamsungDataFile)) {
    throw new ParseError("ZIP_NO_EXPORT", "The zip has no Samsung Health CSV (com.samsung.….csv): is this a Samsung Health personal data download?");
  }
  progress.onTotalBytes?.(await inflatedBytesOf(path, isSamsungDataFile, limits));
  let bytes = 0;
  const stagedSleepIds = new Set<string>();
  const sessionFiles: { entryName: string; buf: Buffer }[] = [];
  for await (const entry of eachZipEntry(path, isSamsungDataFile, limits)) {
    const buf = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    bytes += entry.uncompressedBytes;
    progress.onBytes(bytes);
    if (!Buffer.isBuffer(buf)) {
      yield buf;
      continue;
    }
    if (SLEEP_SESSIONS_FILE.test(entry.entryName)) {
      sessionFiles.push({ entryName: entry.entryName, buf });
      continue;
    }
    yield* guardedEntryEvents(entry.entryName, () => parseSamsungCsv(Readable.from([buf]), opts, entry.entryName, stagedSleepIds));
  }
  for (const { entryName, buf } of sessionFiles) {
    yield* guardedEntryEvents(entryName, () => parseSamsungCsv(Readable.from([buf]), opts, entryName, stagedSleepIds));
  }
}
