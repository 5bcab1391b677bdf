import { jobIds } from "./definitions.js";
import { JOBS } from "./definitions.js";
import { isPending, markPendingFor } from "./pending.js";
import type { Queues } from "./queues.js";

// Debounce window: an import touching a day in many batches, or a burst of edits, recomputes it once.
const RECOMPUTE_DEBOUNCE_MS = 2_000;

/**
 * Enqueues one `energy.recompute-day` per distinct local date, de-duplicated per (user, date): while one is
 * still waiting, another request for the same day replaces it and pushes its start back (debounce).
 */
export async function enqueueDayRecomputes(queues: Queues, userId: string, localDates: Iterable<string>): Promise<number> {
  const dates = [...new Set(localDates)].sort();
  if (dates.length === 0) return 0;
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

/** True while a recompute for this user is queued or running (the API's `pending` flag); schedulers don't count. */
export async function hasPendingRecomputes(queues: Queues, userId: string): Promise<boolean> {
  return isPending(queues[JOBS["energy.recompute-day"].queue], ["recompute"], userId);
}
