import type { Deps } from "../../deps.js";
import { workoutDates } from "../../domain/activities/activity-span.js";
import { cachedJson } from "../../http/answer-cache.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { NotFoundError } from "../../lib/errors.js";
import { answersVersionOf, findUser } from "../accounts/index.js";
import { enqueueDayDetections, workoutHiitFields } from "../hiit/index.js";
import { deleteWorkoutsInTx, queueRegroupEffects } from "./grouping.service.js";
import { presentWorkout } from "./workouts.presenters.js";
import { findSets, findStreams, findWorkout, listWorkouts } from "./workouts.repo.js";

type WorkoutsQuery = { from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number };

/**
 * A page of workouts as JSON text, kept per process under the user's answers version (src/http/answer-cache.ts):
 * every write to workouts or sources moves it, so a re-read page costs one primary-key lookup.
 */
export async function listUserWorkoutsJson(deps: Deps, userId: string, q: WorkoutsQuery) {
  assertRangeOrder(q.from, q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const { version } = await answersVersionOf(deps, userId);
  // The cursor last: it is the client's text, nothing after it can be confused with it.
  const key = `workouts|${userId}|${q.from ?? ""}|${q.to ?? ""}|${q.limit}|${q.cursor ?? ""}`;
  return cachedJson(deps, key, version, async () => {
    const rows = await listWorkouts(deps.db, userId, { from: q.from, to: q.to, limit: q.limit + 1, ...(after ? { after } : {}) });
    const page = paginate(rows, q.limit, (row) => ({ sortKey: row.workout.startAt.toISOString(), id: row.workout.id }));
    return { workouts: page.items.map(presentWorkout), next_cursor: page.nextCursor };
  });
}

/** One of the user's workouts with its streams and its HIIT analysis. */
export async function getUserWorkout(deps: Deps, userId: string, workoutId: string) {
  const [found, hiit] = await Promise.all([findWorkout(deps.db, userId, workoutId), workoutHiitFields(deps, userId, workoutId)]);
  if (!found) throw new NotFoundError("workout");
  const [streams, sets] = await Promise.all([findStreams(deps.db, workoutId), findSets(deps.db, workoutId)]);
  return { ...found, streams, sets, hiit };
}

/**
 * Removes one workout (its streams and HIIT rows cascade), regroups the records it overlapped (a duplicate of it
 * may count now) and queues the recompute of its days, their HIIT and, through the days, the projections.
 */
export async function deleteUserWorkout(deps: Deps, userId: string, workoutId: string): Promise<void> {
  const user = await findUser(deps, userId);
  if (!user) throw new NotFoundError("workout");
  const result = await deps.sql.begin((tx) => deleteWorkoutsInTx(tx, userId, { id: workoutId }));
  if (result.deleted.length === 0) throw new NotFoundError("workout");
  const dates = result.deleted.flatMap((w) => workoutDates(w, user.timeZone));
  try {
    await queueRegroupEffects(deps, userId, user.timeZone, result.changes, dates);
    // Its minutes are out-of-workout heart rate now.
    await enqueueDayDetections(deps, userId, dates);
  } catch (err) {
    // The deletion stands (a retried DELETE would only answer 404); the days catch up on their next recompute.
    deps.logger.warn({ error: { message: (err as Error).message } }, "workouts.delete-effects-not-enqueued");
  }
}
