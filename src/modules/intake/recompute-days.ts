import type { Deps } from "../../deps.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";

/**
 * Queues a recompute of every local date a write touched. Best effort, like the imports' enqueue: the write is
 * already committed, so a Redis outage costs a stale daily total (logged), never the person's data.
 */
export async function recomputeDaysBestEffort(deps: Deps, userId: string, localDates: Iterable<string>): Promise<void> {
  const dates = [...new Set(localDates)];
  if (dates.length === 0) return;
  try {
    await enqueueDayRecomputes(deps.queues, userId, dates);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.warn({ userId, days: dates.length, error: { message } }, "recompute.enqueue-deferred");
  }
}
