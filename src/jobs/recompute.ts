import type { DbOrTx } from "../db/client.js";
import { nextDate } from "../lib/calendar.js";
import type { Logger } from "../lib/logger.js";
import { hasDirtyDays, markDaysDirty } from "./dirty-days.js";
import { enqueueMany, type JobProducer } from "./enqueue.js";

/** What requesting a recompute needs: Postgres for the durable outbox row, Redis for the job, a logger. */
export type RecomputeRequester = JobProducer & { db: DbOrTx; logger: Logger };

/** More dates than this in one request go as range jobs (bulk work: imports, profile changes, backfills). */
const MAX_DEBOUNCED_DATES = 7;
/** Days per range job: one recomputeDays chunk, so several workers can share a long range. */
export const RANGE_JOB_MAX_DAYS = 31;

/**
 * Requests the recompute of these local dates: first durably (the dirty-days outbox in Postgres; this throws when
 * Postgres does), then as jobs. A Redis failure is only logged: the reconciler queues the days again once Redis is
 * back (`energy.reconcile-days`). Returns the number of distinct dates.
 */
export async function enqueueDayRecomputes(deps: RecomputeRequester, userId: string, localDates: Iterable<string>): Promise<number> {
  const dates = [...new Set(localDates)];
  if (dates.length === 0) return 0;
  await markDaysDirty(deps.db, userId, dates);
  try {
    await queueDayRecomputeJobs(deps, userId, dates);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.warn({ userId, days: dates.length, error: { message } }, "recompute.enqueue-deferred");
  }
  return dates.length;
}

/**
 * The jobs alone (the reconciler's re-queue; callers use enqueueDayRecomputes). A few dates: one debounced
 * `energy.recompute-day` each. More: contiguous runs of ≤ 31 days as `energy.recompute-range` jobs, not delayed.
 */
export async function queueDayRecomputeJobs(producer: JobProducer, userId: string, localDates: Iterable<string>): Promise<number> {
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
 * enqueueDayRecomputes after a write that is already committed (and whose transaction marked its days dirty, so
 * nothing is lost): a failure here is logged, never turned into an error for a write that stands.
 */
export async function recomputeDaysBestEffort(deps: RecomputeRequester, userId: string, localDates: Iterable<string>): Promise<void> {
  const dates = [...new Set(localDates)];
  if (dates.length === 0) return;
  try {
    await enqueueDayRecomputes(deps, userId, dates);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.warn({ userId, days: dates.length, error: { message } }, "recompute.request-deferred");
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

/**
 * True while some day of this user waits for its recompute (the API's `pending` flag), from Postgres' dirty set:
 * true after Redis lost its jobs, and answered while Redis is down.
 */
export async function hasPendingRecomputes(deps: { db: DbOrTx }, userId: string): Promise<boolean> {
  return hasDirtyDays(deps.db, userId);
}
