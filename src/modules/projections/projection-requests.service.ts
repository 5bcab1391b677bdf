import type { DbOrTx } from "../../db/client.js";
import { enqueueMany, type JobProducer } from "../../jobs/enqueue.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";

/** One debounced `projections.project-week` per (user, week). */
export async function enqueueWeekProjections(producer: JobProducer, userId: string, weekStarts: Iterable<string>): Promise<number> {
  return enqueueMany(
    producer,
    "projections.project-week",
    [...new Set(weekStarts)].sort().map((weekStart) => ({ userId, weekStart })),
  );
}

/** True while a day recompute or a projection for this user is queued or running (a recompute queues the projection). */
export async function hasPendingProjections(deps: Pick<JobProducer, "pending"> & { db: DbOrTx }, userId: string): Promise<boolean> {
  const [days, weeks] = await Promise.all([hasPendingRecomputes(deps, userId), deps.pending.isPending(["projection"], userId)]);
  return days || weeks;
}
