import type { Deps } from "../../deps.js";
import { METHOD_VERSION } from "../../domain/hiit/detector.js";
import { heartRateDates, workoutIdsWithHeartRate } from "./detection-inputs.repo.js";
import { enqueueAnalysisRedetections, enqueueDayDetections, enqueueWorkoutDetections } from "./detection-requests.service.js";
import { staleAnalyses } from "./hiit.repo.js";

/** Analyses queued per reconcile run; the next run picks up the rest. */
const RECONCILE_BATCH = 1_000;

/**
 * Everything of the user that detection can see: workouts with their own stream, and every date with heart-rate
 * samples (the day job also queues that day's workouts whose heart rate lives in the samples).
 */
export async function redetectUser(deps: Deps, userId: string): Promise<{ workouts: number; days: number }> {
  const [workoutIds, dates] = await Promise.all([workoutIdsWithHeartRate(deps.sql, userId), heartRateDates(deps.sql, userId)]);
  const workouts = await enqueueWorkoutDetections(deps, userId, workoutIds);
  const days = await enqueueDayDetections(deps, userId, dates);
  return { workouts, days };
}

/** Analyses stored by an older (or newer) METHOD_VERSION are detected again with the running code. */
export async function reconcileStaleAnalyses(deps: Deps): Promise<number> {
  return enqueueAnalysisRedetections(deps, await staleAnalyses(deps.db, METHOD_VERSION, RECONCILE_BATCH));
}
