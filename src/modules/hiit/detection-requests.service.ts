import type { UserRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { enqueue, enqueueMany, type JobProducer } from "../../jobs/enqueue.js";
import { workoutIdsWithHeartRate } from "./detection-inputs.repo.js";
import type { AnalysisKey } from "./hiit.repo.js";

export async function enqueueWorkoutDetections(producer: JobProducer, userId: string, workoutIds: Iterable<string>): Promise<number> {
  return enqueueMany(
    producer,
    "hiit.detect-workout",
    [...new Set(workoutIds)].map((workoutId) => ({ userId, workoutId })),
  );
}

export async function enqueueDayDetections(producer: JobProducer, userId: string, localDates: Iterable<string>): Promise<number> {
  return enqueueMany(
    producer,
    "hiit.detect-day",
    [...new Set(localDates)].sort().map((localDate) => ({ userId, localDate })),
  );
}

/** Re-runs the detection behind stored analyses (workout or day). */
export async function enqueueAnalysisRedetections(producer: JobProducer, keys: readonly AnalysisKey[]): Promise<number> {
  const workouts = keys.flatMap((k) => (k.workoutId !== null ? [{ userId: k.userId, workoutId: k.workoutId }] : []));
  const days = keys.flatMap((k) => (k.workoutId === null ? [{ userId: k.userId, localDate: k.localDate }] : []));
  return (await enqueueMany(producer, "hiit.detect-workout", workouts)) + (await enqueueMany(producer, "hiit.detect-day", days));
}

/**
 * After ingestion: one detection per written workout that has its own heart-rate stream, and one per touched local
 * date (out-of-workout heart rate, and workouts whose heart rate lives in the samples).
 */
export async function enqueueHiitAfterIngest(
  deps: Deps,
  userId: string,
  effects: { workoutIds: Iterable<string>; localDates: Iterable<string> },
): Promise<void> {
  const withHeartRate = await workoutIdsWithHeartRate(deps.sql, userId, [...new Set(effects.workoutIds)]);
  await enqueueWorkoutDetections(deps, userId, withHeartRate);
  await enqueueDayDetections(deps, userId, effects.localDates);
}

/**
 * Call after a profile update: a new HRmax or birth date moves every threshold, so all the user's heart rate is
 * detected again. Best effort like the other profile hooks: a Redis failure is logged, the update still stands.
 */
export async function redetectHiitOnProfileChange(
  deps: Deps,
  before: Pick<UserRow, "hrMaxBpm" | "birthDate">,
  after: Pick<UserRow, "id" | "hrMaxBpm" | "birthDate">,
): Promise<void> {
  if (before.hrMaxBpm === after.hrMaxBpm && before.birthDate === after.birthDate) return;
  await enqueue(deps, "hiit.redetect-user", { userId: after.id }).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "profile.hiit-redetection-not-enqueued"),
  );
}

/** True while a HIIT detection for this user is queued or running (the API's `pending` flag). */
export async function hasPendingHiitJobs(producer: Pick<JobProducer, "pending">, userId: string): Promise<boolean> {
  return producer.pending.isPending(["hiit"], userId);
}
