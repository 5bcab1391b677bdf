// Which points of a workout's series are possible, and when a workout itself is invalid. One rule for every
// parser and for /v1/sync: an impossible point is dropped and counted, the workout is kept; only a workout
// whose own time is broken is rejected. Pure: no clock, no I/O (the caller passes `nowMs`).

import { EARLIEST_SAMPLE_MS, MAX_FUTURE_MS } from "./sample-plausibility.js";

export const SERIES_KINDS = ["heart_rate", "speed", "power"] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

export interface SeriesPoint {
  tMs: number;
  value: number;
}

export interface WorkoutWindow {
  startMs: number;
  endMs: number;
}

/**
 * Heart rate below 20 bpm is below the lowest resting rates recorded in healthy trained athletes (high 20s);
 * 0 bpm is what optical sensors write when they lose contact. Same floor as the sample-level plausibility check.
 */
export const MIN_POINT_HR_BPM = 20;
/**
 * Above 250 bpm is a sensor fault: maximal exercise heart rate is about 208 − 0.7 × age with an SD near 10 bpm
 * (Tanaka, Monahan & Seals 2001, J Am Coll Cardiol 37:153), about 200 bpm at age 10.
 */
export const MAX_POINT_HR_BPM = 250;
/**
 * 3,000 W is about twice the maximal power of world-class track sprinters (1,600 ± 116 W, Dorel et al. 2005,
 * Int J Sports Med 26:739); above it a power meter reading is garbage (FIT also writes 0xFFFF W for "invalid").
 */
export const MAX_POINT_POWER_W = 3_000;
/**
 * 100 m/s (360 km/h) is beyond any human- or gravity-powered sport (the speed-skiing record is about 70.8 m/s,
 * 254.958 km/h, FIS 2016); faster readings are GPS jumps or invalid-value sentinels.
 */
export const MAX_POINT_SPEED_MPS = 100;
/** Points may sit this far outside the workout's own start and end (clock rounding, per-minute aggregates). */
export const SPAN_TOLERANCE_MS = 60_000;
/**
 * A single workout longer than 7 days is a clock error: the longest non-stop races (e.g. Tor des Géants,
 * 330 km with a 150 h limit) stay well inside it.
 */
export const MAX_WORKOUT_DURATION_MS = 7 * 24 * 3_600_000;

const VALUE_RANGE: Record<SeriesKind, { min: number; max: number }> = {
  heart_rate: { min: MIN_POINT_HR_BPM, max: MAX_POINT_HR_BPM },
  speed: { min: 0, max: MAX_POINT_SPEED_MPS },
  power: { min: 0, max: MAX_POINT_POWER_W },
};

/** Why a workout cannot be stored at all (no usable time, end before start, absurd length), or null. */
export function workoutWindowProblem(startMs: number, endMs: number, nowMs: number): string | null {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return "it has no valid start or end time";
  if (endMs < startMs) return "its end is before its start";
  if (startMs < EARLIEST_SAMPLE_MS) return "its start is before the year 2000";
  if (endMs > nowMs + MAX_FUTURE_MS) return "its end is in the future";
  if (endMs - startMs > MAX_WORKOUT_DURATION_MS) return "it lasts more than 7 days";
  return null;
}

/** Why one point of a series is impossible, or null when it is kept. */
export function pointProblem(kind: SeriesKind, point: SeriesPoint, window: WorkoutWindow): string | null {
  if (!Number.isFinite(point.tMs)) return "no valid time";
  if (point.tMs < window.startMs - SPAN_TOLERANCE_MS || point.tMs > window.endMs + SPAN_TOLERANCE_MS) {
    return "outside the workout";
  }
  const range = VALUE_RANGE[kind];
  if (!Number.isFinite(point.value)) return "not a number";
  if (point.value < range.min || point.value > range.max) return "out of range";
  return null;
}

export interface CleanSeries {
  /** Possible points, oldest first; a repeated timestamp keeps its first reading (not counted as dropped). */
  kept: SeriesPoint[];
  /** Impossible points left out. */
  dropped: number;
}

/** Drops and counts the impossible points of one series. */
export function cleanSeries(kind: SeriesKind, points: readonly SeriesPoint[], window: WorkoutWindow): CleanSeries {
  const possible: SeriesPoint[] = [];
  let dropped = 0;
  for (const point of points) {
    if (pointProblem(kind, point, window) === null) possible.push(point);
    else dropped++;
  }
  // Stable sort: among points sharing a timestamp the one that came first in the file stays first.
  possible.sort((a, b) => a.tMs - b.tMs);
  const kept = possible.filter((point, i) => i === 0 || point.tMs !== possible[i - 1]?.tMs);
  return { kept, dropped };
}
