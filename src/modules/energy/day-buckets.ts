import type { LocalDayWindow } from "../../lib/local-day.js";
import type { DaySampleRow, DayWorkoutRow } from "./energy.repo.js";
import type { RangeSampleRow } from "./energy-range.repo.js";

const MS_PER_DAY = 86_400_000;
const utcDate = (ms: number, plusDays: number) => new Date(ms + plusDays * MS_PER_DAY).toISOString().slice(0, 10);

/** Index of the first window ending after `ms` (windows are contiguous and sorted). */
function firstWindowEndingAfter(windows: readonly LocalDayWindow[], ms: number): number {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((windows[mid]?.endMs ?? Number.POSITIVE_INFINITY) > ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Per window, exactly the rows the one-day reads select: samples with start < end, end >= start and local_date
 * within the window's UTC dates −2/+1; workouts with start < end and end > start (the one-day reads it replaced).
 */
export function bucketByDay(
  windows: readonly LocalDayWindow[],
  rangeSamples: readonly RangeSampleRow[],
  rangeWorkouts: readonly DayWorkoutRow[],
): { samples: DaySampleRow[][]; workouts: DayWorkoutRow[][] } {
  const samples = windows.map((): DaySampleRow[] => []);
  const workouts = windows.map((): DayWorkoutRow[] => []);
  const dateBounds = windows.map((w) => ({ lo: utcDate(w.startMs, -2), hi: utcDate(w.endMs, 1) }));
  for (const row of rangeSamples) {
    for (let i = firstWindowEndingAfter(windows, row.startMs); i < windows.length; i++) {
      const w = windows[i];
      const b = dateBounds[i];
      if (!w || !b || w.startMs > row.endMs) break;
      if (row.localDate >= b.lo && row.localDate <= b.hi) samples[i]?.push(row);
    }
  }
  for (const row of rangeWorkouts) {
    for (let i = firstWindowEndingAfter(windows, row.startMs); i < windows.length; i++) {
      const w = windows[i];
      if (!w || w.startMs >= row.endMs) break;
      workouts[i]?.push(row);
    }
  }
  return { samples, workouts };
}
