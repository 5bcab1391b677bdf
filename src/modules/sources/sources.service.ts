import type { Deps } from "../../deps.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { NotFoundError } from "../../lib/errors.js";
import { regroupUser } from "../workouts/index.js";
import { datesWithSource, listSources, setSourcePriority } from "./sources.repo.js";

export async function listUserSources(deps: Deps, userId: string) {
  return listSources(deps.db, userId);
}

/**
 * A new priority can change the merge of every day the source has data on, and which record of an activity
 * counts: the workouts are regrouped, and every day with the source's data (or a changed group) is recomputed.
 */
export async function changePriority(deps: Deps, userId: string, sourceId: number, priority: number | null) {
  const row = await setSourcePriority(deps.db, userId, sourceId, priority);
  if (!row) throw new NotFoundError("source");
  await regroupUser(deps, userId);
  await enqueueDayRecomputes(deps, userId, await datesWithSource(deps.sql, userId, sourceId));
  return row;
}
