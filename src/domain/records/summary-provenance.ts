// A workout's totals: what the device wrote in its own summary wins; values computed from the samples only fill
// what the device did not write. Every total says which it is. Pure functions, unit-tested.

import type { SeriesPoint } from "./point-validity.js";
import { MAX_POINT_HR_BPM, MIN_POINT_HR_BPM } from "./point-validity.js";

export const VALUE_SOURCES = ["device", "samples"] as const;
/** "device": the recorder's (or its platform's) own summary value; "samples": computed here from the series. */
export type ValueSource = (typeof VALUE_SOURCES)[number];

export interface Sourced {
  value: number | null;
  source: ValueSource | null;
}

/** The device's value when it wrote one, else the one computed from samples, else nothing. */
export function preferDevice(device: number | null | undefined, samples: number | null | undefined): Sourced {
  if (device !== null && device !== undefined && Number.isFinite(device)) return { value: device, source: "device" };
  if (samples !== null && samples !== undefined && Number.isFinite(samples)) return { value: samples, source: "samples" };
  return { value: null, source: null };
}

/** A device-written heart-rate summary outside the point range is as impossible as such a point. */
export function plausibleSummaryHr(bpm: number | null | undefined): number | null {
  if (bpm === null || bpm === undefined || !Number.isFinite(bpm)) return null;
  return bpm >= MIN_POINT_HR_BPM && bpm <= MAX_POINT_HR_BPM ? bpm : null;
}

/** Mean and maximum of a (cleaned) heart-rate series; nulls for an empty one. */
export function heartRateOfSamples(points: readonly SeriesPoint[]): { avgBpm: number | null; maxBpm: number | null } {
  if (points.length === 0) return { avgBpm: null, maxBpm: null };
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    sum += point.value;
    max = Math.max(max, point.value);
  }
  return { avgBpm: sum / points.length, maxBpm: max };
}

export interface LapSummary {
  /** The lap's timer time (TCX TotalTimeSeconds, FIT lap total_timer_time). */
  durationSec: number | null;
  avgHrBpm: number | null;
  maxHrBpm: number | null;
}

/**
 * The whole activity's heart rate from its laps, as the device wrote them: the average weighted by each lap's
 * time (a 10-minute lap counts ten times a 1-minute one), the maximum over all laps. Laps without a plausible
 * value are left out of that value; nulls when no lap has one.
 */
export function heartRateOfLaps(laps: readonly LapSummary[]): { avgBpm: number | null; maxBpm: number | null } {
  let weightedSum = 0;
  let weightSec = 0;
  let maxBpm: number | null = null;
  for (const lap of laps) {
    const avg = plausibleSummaryHr(lap.avgHrBpm);
    const sec = lap.durationSec;
    if (avg !== null && sec !== null && Number.isFinite(sec) && sec > 0) {
      weightedSum += avg * sec;
      weightSec += sec;
    }
    const max = plausibleSummaryHr(lap.maxHrBpm);
    if (max !== null) maxBpm = Math.max(maxBpm ?? max, max);
  }
  return { avgBpm: weightSec > 0 ? weightedSum / weightSec : null, maxBpm };
}

/** Sum of the values present; null when none is. */
export function sumPresent(values: readonly (number | null | undefined)[]): number | null {
  let sum: number | null = null;
  for (const value of values) {
    if (value !== null && value !== undefined && Number.isFinite(value)) sum = (sum ?? 0) + value;
  }
  return sum;
}
