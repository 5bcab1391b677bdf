import { weeksAffectedByDay, weeksAffectedByRange } from "../../src/domain/projections/affected-weeks.js";
import { claimOverdueDirtyDays, clearDirtyDays, snapshotDirtyDays } from "../../src/jobs/dirty-days.js";
import { queueDayRecomputeJobs } from "../../src/jobs/recompute.js";
import { finalizeYesterday, recomputeDay, recomputeDays } from "../../src/modules/energy/index.js";
import { enqueueWeekProjections } from "../../src/modules/projections/index.js";
import { regroupUser } from "../../src/modules/workouts/index.js";
import type { Processor } from "../run-job.js";

/** Rebuilds one user's local day from raw rows; safe to run any number of times. */
export const recomputeDayJob: Processor<"energy.recompute-day"> = async (payload, { deps }) => {
  // The outbox rows are read before any raw row and cleared only once the day is stored (src/jobs/dirty-days.ts).
  const dirty = await snapshotDirtyDays(deps.db, payload.userId, payload.localDate, payload.localDate);
  const found = await recomputeDay(deps, payload.userId, payload.localDate);
  await clearDirtyDays(deps.db, dirty);
  if (found) await enqueueWeekProjections(deps, payload.userId, weeksAffectedByDay(payload.localDate, deps.clock.now()));
  return { recomputed: found };
};

/** Rebuilds a range of one user's local days (bulk work, not debounced), then the weeks they feed. */
export const recomputeRangeJob: Processor<"energy.recompute-range"> = async (payload, { deps }) => {
  const dirty = await snapshotDirtyDays(deps.db, payload.userId, payload.from, payload.to);
  const days = await recomputeDays(deps, payload.userId, payload.from, payload.to);
  await clearDirtyDays(deps.db, dirty);
  if (days !== null) await enqueueWeekProjections(deps, payload.userId, weeksAffectedByRange(payload.from, payload.to, deps.clock.now()));
  return { recomputed: days };
};

/** The nightly run in the user's own time zone: yesterday's numbers become final (no longer "so far"). */
export const finalizeYesterdayJob: Processor<"energy.finalize-yesterday"> = async (payload, { deps }) => {
  const date = await finalizeYesterday(deps, payload.userId);
  if (date) await enqueueWeekProjections(deps, payload.userId, weeksAffectedByDay(date, deps.clock.now()));
  return { finalized: date };
};

/** Regroups all of a user's workouts into activities and queues the days whose counting changed. */
export const regroupUserJob: Processor<"workouts.regroup-user"> = async (payload, { deps }) => {
  return { changed: (await regroupUser(deps, payload.userId)).length };
};

/** Days re-queued per sweep: the rest wait for the next one. */
const RECONCILE_BATCH = 5_000;

/**
 * Re-queues the recompute of days still dirty after the grace period (their job was lost with Redis, or could not
 * be queued); deterministic job keys make a re-queue of live work collapse into it.
 */
export const reconcileDaysJob: Processor<"energy.reconcile-days"> = async (_payload, { deps }) => {
  const overdue = await claimOverdueDirtyDays(deps.db, deps.env.DAYS_RECONCILE_GRACE_MS, RECONCILE_BATCH);
  let days = 0;
  for (const [userId, dates] of overdue) days += await queueDayRecomputeJobs(deps, userId, dates);
  return { requeued: days, users: overdue.size };
};
