// Garmin Connect's daily wellness summaries in the account export: `DI_CONNECT/DI-Connect-Aggregator/UDSFile_*.json`
// ("user daily summary"), a JSON array with one object per calendar day. Read from each day: totalSteps,
// activeKilocalories and bmrKilocalories, as day-long samples over the day's own window (wellnessStartTimeGmt to
// wellnessEndTimeGmt, whose local times give the offset), else over calendarDate in the profile's zone.
// totalKilocalories is active + BMR, so it is not stored again. Days without device data
// (includesWellnessData false: the watch was not worn, Garmin filled BMR in from the profile) are counted, not read.
// The watch's activities in the same export are workouts; the day's active energy already contains them, and the
// day's assembly never adds a workout's energy to device active energy of the same day (docs/science.md).

import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import { localDayWindow } from "../../lib/zone.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import { ParseError } from "../contract.js";

export interface WellnessOptions {
  nowMs: number;
  /** The profile's zone, for a day whose file gives no window. */
  timeZone: string;
}

/** The daily summaries come from the watch (or band) through Garmin Connect: a worn device's counts. */
export const GARMIN_DAILY_SOURCE: SourceRef = { name: "Garmin Connect", deviceType: "watch", device: null };

const UDS_FILE = /(^|\/)DI_CONNECT\/.*\/UDSFile_[^/]*\.json$/i;

export function isUdsFile(entryName: string): boolean {
  return UDS_FILE.test(entryName);
}

const DAY_FIELDS: readonly { key: string; type: SampleType }[] = [
  { key: "totalSteps", type: "steps" },
  { key: "activeKilocalories", type: "active_energy" },
  { key: "bmrKilocalories", type: "basal_energy" },
];

const GARMIN_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** Garmin writes "2018-10-22T07:00:00.0" (no zone; GMT or local by the field's name) or epoch milliseconds. */
export function garminTimeMs(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const m = GARMIN_TIME.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, "0"));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}

interface DayWindow {
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
}

function windowOf(day: Record<string, unknown>, calendarDate: string, timeZone: string): DayWindow {
  const startMs = garminTimeMs(day.wellnessStartTimeGmt);
  const endMs = garminTimeMs(day.wellnessEndTimeGmt);
  const startLocal = garminTimeMs(day.wellnessStartTimeLocal);
  if (startMs !== null && endMs !== null && endMs > startMs) {
    return { startMs, endMs, utcOffsetMin: startLocal === null ? null : Math.round((startLocal - startMs) / 60_000) };
  }
  const local = localDayWindow(calendarDate, timeZone);
  return { startMs: local.startMs, endMs: local.endMs, utcOffsetMin: null };
}

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The samples of one UDSFile; `where` of each day is its calendar date. */
export function* udsFileEvents(buf: Buffer, opts: WellnessOptions): Generator<ParseEvent> {
  let days: unknown;
  try {
    days = JSON.parse(buf.toString("utf8"));
  } catch (error) {
    throw new ParseError("JSON_INVALID", `The daily summary file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(days)) throw new ParseError("JSON_INVALID", "The daily summary file is not a JSON array of days.");
  let withoutDeviceData = 0;
  for (const [i, day] of days.entries()) {
    const calendarDate = isRecord(day) && typeof day.calendarDate === "string" ? day.calendarDate : null;
    if (!isRecord(day) || calendarDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(calendarDate)) {
      yield rejected(`[${i}]`, "The day has no calendarDate (YYYY-MM-DD); it was not imported.", "garmin_day");
      continue;
    }
    if (day.includesWellnessData === false) {
      withoutDeviceData++;
      continue;
    }
    const window = windowOf(day, calendarDate, opts.timeZone);
    for (const { key, type } of DAY_FIELDS) {
      const value = day[key];
      if (value === null || value === undefined) continue;
      const where = `day ${calendarDate} ${key}`;
      if (typeof value !== "number") {
        yield rejected(where, `${key} is not a number; it was not imported.`, type);
        continue;
      }
      const problem = implausibility(type, value, window.startMs, window.endMs, opts.nowMs);
      if (problem) yield rejected(where, `The value was not imported: ${problem}.`, type);
      else yield { kind: "sample", sample: { type, value, ...window, source: GARMIN_DAILY_SOURCE } };
    }
  }
  if (withoutDeviceData > 0) yield { kind: "skipped", recordType: "garmin_day_without_device_data", count: withoutDeviceData };
}
