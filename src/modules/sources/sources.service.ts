import type { Deps } from "../../deps.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { NotFoundError } from "../../lib/errors.js";
import { datesWithSource, setSourcePriority } from "./sources.repo.js";

/** A new priority can change the merge of every day the source has data on, so all of them are recomputed. */
export async function changePriority(deps: Deps, userId: string, sourceId: number, priority: number | null) {
  const row = await setSourcePriority(deps.db, userId, sourceId, priority);
  if (!row) throw new NotFoundError("source");
  await enqueueDayRecomputes(deps.queues, userId, await datesWithSource(deps.sql, userId, sourceId));
  return row;
}
