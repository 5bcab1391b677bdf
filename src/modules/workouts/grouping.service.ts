import type { Deps } from "../../deps.js";
import { groupActivities } from "../../domain/activities/activity-grouping.js";
import { hullOf, type TimeWindow, workoutDates } from "../../domain/activities/activity-span.js";
import { enqueueMany } from "../../jobs/enqueue.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { findUser } from "../accounts/index.js";
import { enqueueWorkoutDetections } from "../hiit/index.js";
import {
  type DeletedWorkout,
  deleteWorkouts,
  type GroupingUpdate,
  loadOverlapClosure,
  lockUserGrouping,
  type StoredActivity,
  saveGrouping,
  type Tx,
  usersWithWorkouts,
  workoutSpans,
} from "./grouping.repo.js";

/** A workout whose grouping changed: the days it lies on must be recomputed, and HIIT redone if `counted` flipped. */
export interface GroupChange {
  id: string;
  startMs: number;
  endMs: number;
  localDate: string;
  countedBefore: boolean;
  countedAfter: boolean;
}

/**
 * Inside the caller's transaction: locks the user's grouping, reads every workout chained to the window (null:
 * all of them), groups them and writes the rows whose grouping changed. Rerunning it changes nothing.
 */
export async function regroupInTx(tx: Tx, userId: string, window: TimeWindow | null): Promise<GroupChange[]> {
  await lockUserGrouping(tx, userId);
  const stored = await loadOverlapClosure(tx, userId, window);
  const grouping = groupActivities(stored);
  const updates: GroupingUpdate[] = [];
  const changes: GroupChange[] = [];
  for (const w of stored) {
    const next = grouping.get(w.id) ?? { duplicateOf: null, reason: null };
    if (next.duplicateOf === w.duplicateOf && next.reason === w.duplicateReason) continue;
    updates.push({ id: w.id, duplicateOf: next.duplicateOf, duplicateReason: next.reason });
    changes.push(changeOf(w, next.duplicateOf === null));
  }
  await saveGrouping(tx, userId, updates);
  return changes;
}

function changeOf(w: StoredActivity, countedAfter: boolean): GroupChange {
  return { id: w.id, startMs: w.startMs, endMs: w.endMs, localDate: w.localDate, countedBefore: w.duplicateOf === null, countedAfter };
}

/**
 * Queues what a regrouping changed: the days of every changed workout are recomputed, and HIIT detection runs
 * again for workouts that started or stopped counting (a duplicate's sessions are removed by that job).
 */
export async function queueRegroupEffects(
  deps: Deps,
  userId: string,
  timeZone: string,
  changes: readonly GroupChange[],
  extraDates: Iterable<string> = [],
): Promise<void> {
  const dates = new Set(extraDates);
  for (const change of changes) for (const d of workoutDates(change, timeZone)) dates.add(d);
  await enqueueDayRecomputes(deps, userId, dates);
  const flipped = changes.filter((c) => c.countedBefore !== c.countedAfter).map((c) => c.id);
  await enqueueWorkoutDetections(deps, userId, flipped);
}

/**
 * Inside the caller's transaction (an import's removal): deletes one workout or every workout an import first
 * wrote, and regroups the records they overlapped (a duplicate of one may count now).
 */
export async function deleteWorkoutsInTx(
  tx: Tx,
  userId: string,
  which: { id: string } | { importId: string },
): Promise<{ deleted: DeletedWorkout[]; changes: GroupChange[] }> {
  await lockUserGrouping(tx, userId);
  const deleted = await deleteWorkouts(tx, userId, which);
  const window = hullOf(deleted);
  return { deleted, changes: window ? await regroupInTx(tx, userId, window) : [] };
}

/** After workouts were written (an import, a sync, a push): regroups around them and queues what changed. */
export async function regroupAfterWrite(deps: Deps, userId: string, workoutIds: readonly string[]): Promise<GroupChange[]> {
  if (workoutIds.length === 0) return [];
  const changes = await deps.sql.begin(async (tx): Promise<GroupChange[]> => {
    const window = hullOf(await workoutSpans(tx, userId, [...new Set(workoutIds)]));
    return window ? regroupInTx(tx, userId, window) : [];
  });
  await queueChanges(deps, userId, changes);
  return changes;
}

/** Regroups all of the user's workouts (a source priority changed, or rows from before grouping existed). */
export async function regroupUser(deps: Deps, userId: string): Promise<GroupChange[]> {
  const changes = await deps.sql.begin((tx) => regroupInTx(tx, userId, null));
  await queueChanges(deps, userId, changes);
  return changes;
}

/** Best effort like every enqueue after a write: the rows are committed, and the next regroup re-derives them. */
async function queueChanges(deps: Deps, userId: string, changes: readonly GroupChange[]): Promise<void> {
  if (changes.length === 0) return;
  const user = await findUser(deps, userId);
  if (!user) return;
  await queueRegroupEffects(deps, userId, user.timeZone, changes).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "workouts.regroup-effects-not-enqueued"),
  );
}

const REGROUP_ENQUEUE_PAGE = 500;

/**
 * At worker start: one `workouts.regroup-user` per user with workouts. It groups rows stored before grouping
 * existed and repairs any write whose regroup was lost (a sync answered 500 and never retried); for users whose
 * grouping is already right it changes nothing. Deterministic job ids: several workers starting at once queue it once.
 */
export async function enqueueRegroupForAllUsers(deps: Deps): Promise<number> {
  let after = "";
  let count = 0;
  for (;;) {
    const page = await usersWithWorkouts(deps.sql, after, REGROUP_ENQUEUE_PAGE);
    if (page.length === 0) return count;
    await enqueueMany(
      deps,
      "workouts.regroup-user",
      page.map((userId) => ({ userId })),
    );
    count += page.length;
    after = page.at(-1) ?? after;
  }
}
