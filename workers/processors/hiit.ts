import { detectDayHiit, detectWorkoutHiit, reconcileStaleAnalyses, redetectUser } from "../../src/modules/hiit/index.js";
import type { Processor } from "../run-job.js";

/** Replaces one workout's HIIT analysis; re-running it ends in the same rows. */
export const detectWorkoutHiitJob: Processor<"hiit.detect-workout"> = async (payload, { deps }) =>
  detectWorkoutHiit(deps, payload.userId, payload.workoutId);

/** Replaces one local day's analysis of out-of-workout heart rate. */
export const detectDayHiitJob: Processor<"hiit.detect-day"> = async (payload, { deps }) => detectDayHiit(deps, payload.userId, payload.localDate);

/** After a profile change (HRmax, birth date): queues detection of everything the user has. */
export const redetectUserHiitJob: Processor<"hiit.redetect-user"> = async (payload, { deps }) => redetectUser(deps, payload.userId);

export const reconcileHiitJob: Processor<"hiit.reconcile"> = async (_payload, { deps }) => ({
  requeued: await reconcileStaleAnalyses(deps),
});
