import type { Deps } from "../../deps.js";
import type { UserRow } from "../../db/schema/index.js";
import { JOBS, jobIds } from "../../jobs/definitions.js";
import type { JobPayload } from "../../jobs/definitions.js";
import { isPending, markPendingFor, type PendingMarker } from "../../jobs/pending.js";
import type { Queues } from "../../jobs/queues.js";
import { workoutIdsWithHeartRate } from "./detection-inputs.repo.js";
import type { AnalysisKey } from "./hiit.repo.js";

// Debounce like the day recomputes: a burst of sync batches touching one day detects it once. The dedup key
// expires before the job starts, so data arriving while a detection runs queues a fresh one instead of being lost.
const HIIT_DEBOUNCE_MS = 1_000;
const ADD_BULK_SIZE = 500;
const HIIT_QUEUE = JOBS["hiit.detect-workout"].queue;

type HiitJob =
  | { name: "hiit.detect-workout"; data: JobPayload<"hiit.detect-workout"> }
  | { name: "hiit.detect-day"; data: JobPayload<"hiit.detect-day"> }
  | { name: "hiit.redetect-user"; data: JobPayload<"hiit.redetect-user"> };

function deduplicationId(job: HiitJob): string {
  switch (job.name) {
    case "hiit.detect-workout":
      return jobIds.hiitWorkout(job.data.workoutId);
    case "hiit.detect-day":
      return jobIds.hiitDay(job.data.userId, job.data.localDate);
    case "hiit.redetect-user":
      return jobIds.hiitUser(job.data.userId);
  }
}

function pendingMarkerOf(job: HiitJob): PendingMarker {
  switch (job.name) {
    case "hiit.detect-workout":
      return JOBS[job.name].pending(job.data);
    case "hiit.detect-day":
      return JOBS[job.name].pending(job.data);
    case "hiit.redetect-user":
      return JOBS[job.name].pending(job.data);
  }
}

async function addHiitJobs(queues: Queues, jobs: readonly HiitJob[]): Promise<number> {
  for (let i = 0; i < jobs.length; i += ADD_BULK_SIZE) {
    const slice = jobs.slice(i, i + ADD_BULK_SIZE);
    await markPendingFor(queues[HIIT_QUEUE], slice.map(pendingMarkerOf));
    const bulk = slice.map((job) => {
      const definition = JOBS[job.name];
      const id = deduplicationId(job);
      return {
        name: job.name,
        data: definition.schema.parse(job.data),
        opts: { ...definition.opts, delay: HIIT_DEBOUNCE_MS, deduplication: { id, ttl: HIIT_DEBOUNCE_MS, extend: true, replace: true } },
      };
    });
    await queues[HIIT_QUEUE].addBulk(bulk);
  }
  return jobs.length;
}

export async function enqueueWorkoutDetections(queues: Queues, userId: string, workoutIds: Iterable<string>): Promise<number> {
  const jobs = [...new Set(workoutIds)].map((workoutId): HiitJob => ({ name: "hiit.detect-workout", data: { userId, workoutId } }));
  return addHiitJobs(queues, jobs);
}

export async function enqueueDayDetections(queues: Queues, userId: string, localDates: Iterable<string>): Promise<number> {
  const jobs = [...new Set(localDates)].sort().map((localDate): HiitJob => ({ name: "hiit.detect-day", data: { userId, localDate } }));
  return addHiitJobs(queues, jobs);
}

/** Re-runs the detection behind stored analyses (workout or day). */
export async function enqueueAnalysisRedetections(queues: Queues, keys: readonly AnalysisKey[]): Promise<number> {
  const jobs = keys.map((k): HiitJob =>
    k.workoutId !== null
      ? { name: "hiit.detect-workout", data: { userId: k.userId, workoutId: k.workoutId } }
      : { name: "hiit.detect-day", data: { userId: k.userId, localDate: k.localDate } },
  );
  return addHiitJobs(queues, jobs);
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
  await enqueueWorkoutDetections(deps.queues, userId, withHeartRate);
  await enqueueDayDetections(deps.queues, userId, effects.localDates);
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
  await addHiitJobs(deps.queues, [{ name: "hiit.redetect-user", data: { userId: after.id } }]).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "profile.hiit-redetection-not-enqueued"),
  );
}

/** True while a HIIT detection for this user is queued or running (the API's `pending` flag). */
export async function hasPendingHiitJobs(queues: Queues, userId: string): Promise<boolean> {
  return isPending(queues[HIIT_QUEUE], ["hiit"], userId);
}
