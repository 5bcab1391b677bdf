import { nextDate } from "../lib/calendar.js";
import type { Logger } from "../lib/logger.js";
import { enqueueMany, type JobProducer } from "./enqueue.js";

/** More dates than this in one request go as range jobs (bulk work: imports, profile changes, backfills). */
const MAX_DEBOUNCED_DATES = 7;
/** Days per range job: one recomputeDays chunk, so several workers can share a long range. */
export const RANGE_JOB_MAX_DAYS = 31;

/**
 * Requests the recompute of these local dates. A few dates: one debounced `energy.recompute-day` each. More:
 * contiguous runs of ≤ 31 days as `energy.recompute-range` jobs, not delayed. Returns the number of distinct dates.
 */
export async function enqueueDayRecomputes(producer: JobProducer, userId: string, localDates: Iterable<string>): Promise<number> {
  const dates = [...new Set(localDates)].sort();
  if (dates.length > MAX_DEBOUNCED_DATES) {
    const ranges = contiguousRanges(dates, RANGE_JOB_MAX_DAYS);
    await enqueueMany(
      producer,
      "energy.recompute-range",
      ranges.map(({ from, to }) => ({ userId, from, to })),
    );
  } else {
    await enqueueMany(
      producer,
      "energy.recompute-day",
      dates.map((localDate) => ({ userId, localDate })),
    );
  }
  return dates.length;
}

/**
 * enqueueDayRecomputes after a write that is already committed: a Redis outage then costs a stale daily total
 * (logged, and repaired by the next recompute of those days), never the person's data.
 */
export async function recomputeDaysBestEffort(deps: JobProducer & { logger: Logger }, userId: string, localDates: Iterable<string>): Promise<void> {
  const dates = [...new Set(localDates)];
  if (dates.length === 0) return;
  try {
    await enqueueDayRecomputes(deps, userId, dates);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.warn({ userId, days: dates.length, error: { message } }, "recompute.enqueue-deferred");
  }
}

/** Sorted distinct dates as [from, to] runs of consecutive days, each at most maxDays long. */
export function contiguousRanges(sortedDates: readonly string[], maxDays: number): { from: string; to: string }[] {
  const ranges: { from: string; to: string; days: number }[] = [];
  for (const date of sortedDates) {
    const last = ranges.at(-1);
    if (last && last.days < maxDays && nextDate(last.to) === date) {
      last.to = date;
      last.days++;
    } else {
      ranges.push({ from: date, to: date, days: 1 });
    }
  }
  return ranges.map(({ from, to }) => ({ from, to }));
}

/** True while a recompute (day or range) for this user is queued or running (the API's `pending` flag). */
export async function hasPendingRecomputes(producer: Pick<JobProducer, "pending">, userId: string): Promise<boolean> {
  return producer.pending.isPending(["recompute"], userId);
}
