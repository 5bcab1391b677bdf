import { utcMidnightMs } from "../../lib/calendar.js";
import type { DeviceType } from "../../lib/vocabulary.js";
import type { TimedCount } from "../energy/steps.js";
import { type MergeSample, mergeBySourcePriority } from "../samples/merge-by-source-priority.js";
import { createRankOf } from "../samples/source-priority.js";
import type { DaySampleRow, DayWorkoutRow } from "./day-records.js";
import type { LocalDayCalendar } from "./day-rule.js";

// Everything assembleDay needs per local day, from a chunk's raw rows: the source-priority merge runs once over the
// chunk in real time, then each merged piece is placed on local days by its own offset (docs/science.md §1).

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
// An instantaneous reading (a heart-rate sample) stands for the minute around it.
const POINT_COVERAGE_MS = MS_PER_MINUTE;
// Coverage is counted per minute of real time. A local date's instants lie between its UTC midnight − 14 h and its
// next UTC midnight + 12 h (offsets −12 to +14), plus the minute an instant at the very end stands for.
const COVERAGE_LEAD_MS = 14 * MS_PER_HOUR;
const COVERAGE_MINUTES = (50 * MS_PER_HOUR) / MS_PER_MINUTE + 1;
/**
 * A row this long is a day's total (a local day lasts 23–25 h). When the same source also wrote finer rows of the
 * same quantity inside it, the finer rows are the detail of that total: the total only vouches for coverage.
 */
export const DAY_SUMMARY_MIN_MS = 20 * MS_PER_HOUR;

export interface MergedQuantity {
  total: number;
  /** True when any merged piece of this quantity lands on the day (a 0 from the device is a measurement). */
  present: boolean;
  bySource: Map<number, number>;
}

export interface DayWorkout {
  row: DayWorkoutRow;
  /** The share of the workout's time on this local day (a workout crossing midnight is split by time). */
  dayFraction: number;
}

export interface DayMeasures {
  basal: MergedQuantity;
  active: MergedQuantity;
  steps: MergedQuantity;
  /** The merged step pieces on the day, for leaving out the steps taken inside workouts. */
  stepSegments: TimedCount[];
  coverageHours: number;
  hasData: boolean;
  workouts: DayWorkout[];
}

const emptyQuantity = (): MergedQuantity => ({ total: 0, present: false, bySource: new Map() });

export function emptyDayMeasures(): DayMeasures {
  return {
    basal: emptyQuantity(),
    active: emptyQuantity(),
    steps: emptyQuantity(),
    stepSegments: [],
    coverageHours: 0,
    hasData: false,
    workouts: [],
  };
}

/** The rows that enter the value merge: a day-long total is left out where its own source has finer rows in it. */
export function withoutSupersededTotals<T extends Pick<DaySampleRow, "sourceId" | "startMs" | "endMs">>(rows: readonly T[]): T[] {
  if (!rows.some((r) => r.endMs - r.startMs >= DAY_SUMMARY_MIN_MS)) return [...rows];
  const finerBySource = new Map<number, T[]>();
  for (const r of rows) {
    if (r.endMs - r.startMs >= DAY_SUMMARY_MIN_MS) continue;
    const list = finerBySource.get(r.sourceId);
    if (list) list.push(r);
    else finerBySource.set(r.sourceId, [r]);
  }
  for (const list of finerBySource.values()) list.sort((a, b) => a.startMs - b.startMs);
  return rows.filter((r) => r.endMs - r.startMs < DAY_SUMMARY_MIN_MS || !hasFinerInside(finerBySource.get(r.sourceId) ?? [], r));
}

/** True when a finer row (sorted by start, each shorter than DAY_SUMMARY_MIN_MS) overlaps [total.startMs, total.endMs). */
function hasFinerInside(finer: readonly Pick<DaySampleRow, "startMs" | "endMs">[], total: Pick<DaySampleRow, "startMs" | "endMs">): boolean {
  let lo = 0;
  let hi = finer.length;
  const earliestStart = total.startMs - DAY_SUMMARY_MIN_MS;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((finer[mid]?.startMs ?? Number.POSITIVE_INFINITY) > earliestStart) hi = mid;
    else lo = mid + 1;
  }
  for (let i = lo; i < finer.length; i++) {
    const f = finer[i];
    if (!f || f.startMs >= total.endMs) break;
    if (f.endMs > total.startMs || (f.endMs === f.startMs && f.startMs >= total.startMs)) return true;
  }
  return false;
}

function rankerFor(rows: readonly DaySampleRow[]): (sourceId: string) => number {
  const byId = new Map(rows.map((r) => [String(r.sourceId), r]));
  const rankOf = createRankOf({ deviceTypeOf: (id) => (byId.get(id)?.deviceType as DeviceType | undefined) ?? null });
  return (id) => byId.get(id)?.priority ?? rankOf(id);
}

/** The rows as merged segments when they come from one source and never overlap (the merge would keep them all). */
function disjointSingleSource(rows: readonly DaySampleRow[]): DaySampleRow[] | null {
  const first = rows[0];
  if (!first || rows.some((r) => r.sourceId !== first.sourceId)) return null;
  const sorted = [...rows].sort((a, b) => a.startMs - b.startMs);
  let reachedMs = Number.NEGATIVE_INFINITY;
  let previousStartMs = Number.NaN;
  for (const r of sorted) {
    if (r.startMs < reachedMs || r.startMs === previousStartMs) return null;
    reachedMs = Math.max(reachedMs, r.endMs);
    previousStartMs = r.startMs;
  }
  return sorted;
}

/** Source-priority merge in real time; each segment keeps the offset of the row it came from. */
function mergedSegments(rows: readonly DaySampleRow[]): { sourceId: number; startMs: number; endMs: number; value: number; utcOffsetMin: number }[] {
  const counted = withoutSupersededTotals(rows);
  const disjoint = disjointSingleSource(counted);
  if (disjoint) return disjoint;
  const inputs: MergeSample[] = counted.map((r) => ({ sourceId: String(r.sourceId), startMs: r.startMs, endMs: r.endMs, value: r.value }));
  return mergeBySourcePriority(inputs, rankerFor(counted)).map((seg) => ({
    sourceId: Number(seg.sourceId),
    startMs: seg.startMs,
    endMs: seg.endMs,
    value: seg.value,
    utcOffsetMin: counted[seg.sampleIndex]?.utcOffsetMin ?? 0,
  }));
}

/** Merges one quantity across sources in real time, then books each merged piece on the local days of its own offset. */
function mergeOntoDays(
  rows: readonly DaySampleRow[],
  calendar: LocalDayCalendar,
  days: readonly DayMeasures[],
  pick: (d: DayMeasures) => MergedQuantity,
  segmentsOf?: (d: DayMeasures) => TimedCount[],
): void {
  // One visitor for all segments (a closure per segment was a measurable share of the recompute's allocations).
  let seg = { sourceId: 0, value: 0 };
  const book = (dayIndex: number, startMs: number, endMs: number, share: number) => {
    const day = days[dayIndex];
    if (!day) return;
    const quantity = pick(day);
    const value = seg.value * share;
    quantity.total += value;
    quantity.present = true;
    quantity.bySource.set(seg.sourceId, (quantity.bySource.get(seg.sourceId) ?? 0) + value);
    segmentsOf?.(day).push({ startMs, endMs, count: value });
  };
  for (const segment of mergedSegments(rows)) {
    seg = segment;
    calendar.forEachPiece(segment.startMs, segment.endMs, segment.utcOffsetMin, book);
  }
}

/** Hours of each day covered by any row at all (every type and source, winners and losers of the merge alike). */
function coverage(rows: readonly DaySampleRow[], calendar: LocalDayCalendar, days: readonly DayMeasures[]): void {
  const minutes = days.map((): Uint8Array | null => null);
  const baseMs = calendar.windows.map((w) => utcMidnightMs(w.localDate) - COVERAGE_LEAD_MS);
  const mark = (dayIndex: number, startMs: number, endMs: number) => {
    const marks = minutes[dayIndex] ?? new Uint8Array(COVERAGE_MINUTES);
    minutes[dayIndex] = marks;
    const base = baseMs[dayIndex] ?? 0;
    const from = Math.max(0, Math.floor((startMs - base) / MS_PER_MINUTE));
    const to = Math.min(COVERAGE_MINUTES, Math.ceil((Math.max(endMs, startMs + POINT_COVERAGE_MS) - base) / MS_PER_MINUTE));
    marks.fill(1, from, to);
  };
  for (const r of rows) calendar.forEachPiece(r.startMs, r.endMs, r.utcOffsetMin, mark);
  minutes.forEach((marks, i) => {
    const day = days[i];
    if (!day || marks === null) return;
    let covered = 0;
    for (const m of marks) covered += m;
    day.hasData = true;
    day.coverageHours = Math.round((covered / 60) * 10) / 10;
  });
}

/** Per calendar day: merged device energy and steps, coverage, and the workouts with their share of the day. */
export function measureDays(calendar: LocalDayCalendar, samples: readonly DaySampleRow[], workouts: readonly DayWorkoutRow[]): DayMeasures[] {
  const days = calendar.windows.map(emptyDayMeasures);
  const ofType = (type: DaySampleRow["type"]) => samples.filter((s) => s.type === type);
  mergeOntoDays(ofType("basal_energy"), calendar, days, (d) => d.basal);
  mergeOntoDays(ofType("active_energy"), calendar, days, (d) => d.active);
  mergeOntoDays(
    ofType("steps"),
    calendar,
    days,
    (d) => d.steps,
    (d) => d.stepSegments,
  );
  coverage(samples, calendar, days);
  for (const w of workouts) {
    for (const piece of calendar.place(w.startMs, w.endMs, w.utcOffsetMin)) {
      const day = days[piece.dayIndex];
      if (!day) continue;
      day.workouts.push({ row: w, dayFraction: piece.share });
      day.hasData = true;
    }
  }
  return days;
}
