import type { Deps } from "../../deps.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertDateRange } from "../../lib/date-range.js";
import { NotFoundError } from "../../lib/errors.js";
import { findStreams, findWorkout, listWorkouts } from "./workouts.repo.js";

export async function listUserWorkouts(deps: Deps, userId: string, q: { from: string; to: string; cursor?: string; limit: number }) {
  assertDateRange(q.from, q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listWorkouts(deps.db, userId, { from: q.from, to: q.to, limit: q.limit + 1, ...(after ? { after } : {}) });
  return paginate(rows, q.limit, (row) => ({ sortKey: row.workout.startAt.toISOString(), id: row.workout.id }));
}

export async function getUserWorkout(deps: Deps, userId: string, workoutId: string) {
  const found = await findWorkout(deps.db, userId, workoutId);
  if (!found) throw new NotFoundError("workout");
  const streams = await findStreams(deps.db, workoutId);
  return { ...found, streams };
}
