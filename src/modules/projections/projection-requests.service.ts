import { enqueueMany, type JobProducer } from "../../jobs/enqueue.js";

/** One debounced `projections.project-week` per (user, week). */
export async function enqueueWeekProjections(producer: JobProducer, userId: string, weekStarts: Iterable<string>): Promise<number> {
  return enqueueMany(
    producer,
    "projections.project-week",
    [...new Set(weekStarts)].sort().map((weekStart) => ({ userId, weekStart })),
  );
}

/** True while a day recompute or a projection for this user is queued or running (a recompute queues the projection). */
export async function hasPendingProjections(producer: Pick<JobProducer, "pending">, userId: string): Promise<boolean> {
  return producer.pending.isPending(["recompute", "projection"], userId);
}
