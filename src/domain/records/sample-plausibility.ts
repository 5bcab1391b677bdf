import { type SampleType, SLEEP_STAGE_TYPES } from "../../lib/vocabulary.js";

// Physiologically possible ranges per canonical unit; a value outside is rejected per record, never clamped.
// Bounds are deliberately wide: they catch sensor garbage (HR 400, negative steps), not unusual people.
const RANGE_BY_TYPE: Record<SampleType, { min: number; max: number }> = {
  steps: { min: 0, max: 100_000 },
  active_energy: { min: 0, max: 20_000 },
  basal_energy: { min: 0, max: 10_000 },
  heart_rate: { min: 20, max: 250 },
  resting_heart_rate: { min: 20, max: 200 },
  dietary_energy: { min: 0, max: 20_000 },
  body_mass: { min: 20, max: 400 },
  body_fat_percentage: { min: 2, max: 75 },
  distance: { min: 0, max: 1_000_000 },
  // Minutes of one stage in one record: a record longer than a day is a broken clock, not a long sleep.
  sleep_in_bed: { min: 0, max: 1440 },
  sleep_asleep: { min: 0, max: 1440 },
  sleep_core: { min: 0, max: 1440 },
  sleep_deep: { min: 0, max: 1440 },
  sleep_rem: { min: 0, max: 1440 },
  sleep_awake: { min: 0, max: 1440 },
};

const SLEEP_TYPES: ReadonlySet<string> = new Set(SLEEP_STAGE_TYPES);
const MS_PER_MIN = 60_000;
// A stage's minutes may round up past its span by this much (files write whole seconds or hours to 2 decimals).
const SLEEP_SPAN_TOLERANCE_MIN = 1;

/** Earliest accepted instant: wearables did not exist before 2000. */
export const EARLIEST_SAMPLE_MS = Date.UTC(2000, 0, 1);
/** Samples may not end more than this far after the import's clock (clock skew allowance). */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** Returns null when the sample is plausible, else the reason it is not. */
export function implausibility(type: SampleType, value: number, startMs: number, endMs: number, nowMs: number): string | null {
  if (!Number.isFinite(value)) return `${type} value is not a finite number`;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return "timestamp is not a valid date";
  if (endMs < startMs) return "end is before start";
  if (startMs < EARLIEST_SAMPLE_MS) return "timestamp is before the year 2000";
  if (endMs > nowMs + MAX_FUTURE_MS) return "timestamp is in the future";
  const range = RANGE_BY_TYPE[type];
  if (value < range.min || value > range.max) {
    return `${type} value ${value} is outside the plausible range ${range.min}..${range.max}`;
  }
  if (SLEEP_TYPES.has(type)) {
    const spanMin = (endMs - startMs) / MS_PER_MIN;
    if (spanMin <= 0 || spanMin > range.max) return `${type} record spans ${Math.round(spanMin)} min, not more than 0 and at most ${range.max}`;
    if (value > spanMin + SLEEP_SPAN_TOLERANCE_MIN) return `${type} value ${value} min is longer than its record's ${Math.round(spanMin)} min`;
  }
  return null;
}
