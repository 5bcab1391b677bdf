import { JOBS, jobIds } from "./definitions.js";
import { isPending, markPendingFor } from "./pending.js";
import type { Queues } from "./queues.js";
import { nextDate } from "../lib/calendar.js";

// Debounce window: an import touching a day in many batches, or a burst of edits, recomputes it once.
const RECOMPUTE_DEBOUNCE_MS = 2_000;
/** More dates than this in one request go as range jobs (bulk work: imports, profile changes, backfills). */
const MAX_DEBOUNCED_DATES = 7;
/** Days per range job: one recomputeDays chunk, so several workers can share a long range. */
export const RANGE_JOB_MAX_DAYS = 31;

/**
 * Enqueues recomputes for these local dates. A few dates: one `energy.recompute-day` each, de-duplicated per
 * (user, date) and debounced (a waiting one is replaced and pushed back). More: contiguous runs of ≤ 31 days as
 * `energy.recompute-range` jobs, not delayed. Returns the number of distinct dates.
 */
export async function enqueueDayRecomputes(queues: Queues, userId: string, localDates: Iterable<string>): Promise<number> {
  const dates = [...new Set(localDates)].sort();
  if (dates.length === 0) return 0;
  if (dates.length > MAX_DEBOUNCED_DATES) {
    await enqueueRangeRecomputes(queues, userId, contiguousRanges(dates, RANGE_JOB_MAX_DAYS));
    return dates.length;
  }
  const definition = JOBS["energy.recompute-day"];
  const jobs = dates.map((localDate) => {
    const data = definition.schema.parse({ userId, localDate });
    const dedupId = jobIds.recomputeDay(userId, localDate);
    return {
      name: "energy.recompute-day" as const,
      data,
      opts: {
        ...definition.opts,
        delay: RECOMPUTE_DEBOUNCE_MS,
        deduplication: { id: dedupId, ttl: RECOMPUTE_DEBOUNCE_MS, extend: true, replace: true },
      },
    };
  });
  await markPendingFor(queues[definition.queue], jobs.map((j) => definition.pending(j.data)));
  await queues[definition.queue].addBulk(jobs);
  return dates.length;
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
 * One `energy.recompute-range` per range. A request for a range still waiting is dropped (that job has not read
 * anything yet); one for a running range runs again after it (keepLastIfActive), so no change is missed.
 */
async function enqueueRangeRecomputes(queues: Queues, userId: string, ranges: readonly { from: string; to: string }[]): Promise<void> {
  const definition = JOBS["energy.recompute-range"];
  const jobs = ranges.map(({ from, to }) => ({
    name: "energy.recompute-range" as const,
    data: definition.schema.parse({ userId, from, to }),
    opts: { ...definition.opts, deduplication: { id: jobIds.recomputeRange(userId, from, to), keepLastIfActive: true } },
  }));
  await markPendingFor(queues[definition.queue], jobs.map((j) => definition.pending(j.data)));
  await queues[definition.queue].addBulk(jobs);
}

/** True while a recompute (day or range) for this user is queued or running (the API's `pending` flag). */
export async function hasPendingRecomputes(queues: Queues, userId: string): Promise<boolean> {
  return isPending(queues[JOBS["energy.recompute-day"].queue], ["recompute"], userId);
}
