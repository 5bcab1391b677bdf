import type { LocalDayWindow } from "../../src/lib/local-day.js";
import type { DaySampleRow, DayWorkoutRow } from "../../src/modules/energy/energy.repo.js";
import type { RangeReads } from "./range-reads.js";

const utcDate = (ms: number, plusDays: number) => new Date(ms + plusDays * 86_400_000).toISOString().slice(0, 10);

/** Index of the first window whose end is after `ms` (windows are contiguous and sorted). */
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

/** Exactly the row sets daySamples and dayWorkouts return for each window, from the range rows. */
export function bucketByDay(windows: readonly LocalDayWindow[], reads: RangeReads): { samples: DaySampleRow[][]; workouts: DayWorkoutRow[][] } {
  const samples = windows.map((): DaySampleRow[] => []);
  const workouts = windows.map((): DayWorkoutRow[] => []);
  const dateBounds = windows.map((w) => ({ lo: utcDate(w.startMs, -2), hi: utcDate(w.endMs, 1) }));
  for (const row of reads.samples) {
    // daySamples: start_at < window end, end_at >= window start, local_date within the window's UTC dates −2/+1.
    for (let i = firstWindowEndingAfter(windows, row.startMs); i < windows.length; i++) {
      const w = windows[i];
      const b = dateBounds[i];
      if (!w || !b || w.startMs > row.endMs) break;
      if (row.localDate >= b.lo && row.localDate <= b.hi) samples[i]?.push(row);
    }
  }
  for (const row of reads.workouts) {
    // dayWorkouts: start_at < window end and end_at > window start.
    for (let i = firstWindowEndingAfter(windows, row.startMs); i < windows.length; i++) {
      const w = windows[i];
      if (!w || w.startMs >= row.endMs) break;
      workouts[i]?.push(row);
    }
  }
  return { samples, workouts };
}
