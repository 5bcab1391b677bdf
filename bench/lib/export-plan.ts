import { pacificOffsetMin } from "./apple-format.js";
import type { ExportMix } from "./export-mix.js";

const MS_PER_DAY = 86_400_000;
const MS_PER_MIN = 60_000;

/** First day of every generated export: the first Apple Watch shipped in April 2015. */
export const FIRST_DAY_UTC_MS = Date.UTC(2015, 4, 1);
/** Generated data never goes past this day, so no record is "in the future" for the importer. */
export const LAST_ALLOWED_DAY_UTC_MS = Date.UTC(2025, 11, 31);
export const MAX_DAYS = Math.floor((LAST_ALLOWED_DAY_UTC_MS - FIRST_DAY_UTC_MS) / MS_PER_DAY);

export interface ExportPlan {
  seed: number;
  days: number;
  /** Multiplies the per-day count of the high-frequency series, so large exports fit in MAX_DAYS. */
  density: number;
  /** The record types and their shares. */
  mix: ExportMix;
}

export interface DayInfo {
  index: number;
  /** UTC midnight of the local calendar date (for formatting the date itself). */
  dateUtcMs: number;
  /** The instant of local midnight. */
  startUtcMs: number;
  offsetMin: number;
  /** Position in the timeline, 0..1: unit settings and devices change with it. */
  fraction: number;
}

export function dayInfo(plan: ExportPlan, index: number): DayInfo {
  const dateUtcMs = FIRST_DAY_UTC_MS + index * MS_PER_DAY;
  const offsetMin = pacificOffsetMin(dateUtcMs);
  return { index, dateUtcMs, startUtcMs: dateUtcMs - offsetMin * MS_PER_MIN, offsetMin, fraction: index / plan.days };
}

export function* planDays(plan: ExportPlan): Generator<DayInfo> {
  for (let index = 0; index < plan.days; index++) yield dayInfo(plan, index);
}

/** FNV-1a of a label mixed with the seed: every series gets its own reproducible random stream. */
export function streamSeed(seed: number, label: string, salt = 0): number {
  let hash = 0x811c9dc5 ^ seed ^ Math.imul(salt, 0x9e3779b1);
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
