import { enqueueMany, type JobProducer } from "../../jobs/enqueue.js";

/** One debounced `projections.project-week` per (user, week). */
export async function enqueueWeekProjections(producer: JobProducer, userId: string, weekStarts: Iterable<string>): Promise<number> {
  return enqueueMany(
    producer,
    "projections.project-week",
    [...new Set(weekStarts)].sort().map((weekStart) => ({ userId, weekStart })),
  );
}
