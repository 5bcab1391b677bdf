import { rm } from "node:fs/promises";
import type { Deps } from "../../deps.js";
import { hullOf, workoutDates } from "../../domain/activities/activity-span.js";
import { FOOD_LOG_FORMATS, isFoodLogFormat } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { datesBetween } from "../../lib/calendar.js";
import { localDateIn } from "../../lib/zone.js";
import { findUser } from "../accounts/index.js";
import { enqueueDayDetections } from "../hiit/index.js";
import { type DeletedWorkout, deleteWorkoutsInTx, type GroupChange, queueRegroupEffects } from "../workouts/index.js";
import { enqueueImportRun } from "./import-jobs.service.js";
import { deleteOwnedRows, markOverlappingForRerun, type RemovedRows, widenImportSpan } from "./import-rows.repo.js";
import { deleteImportRow, findImportById } from "./imports.repo.js";
import { pathForKey } from "./upload-store.js";

interface Removal {
  workouts: DeletedWorkout[];
  rows: RemovedRows;
  changes: GroupChange[];
  reruns: { id: string; runs: number }[];
}

function spanOf(workouts: readonly DeletedWorkout[], rows: RemovedRows): { startMs: number; endMs: number } | null {
  const spans = [...workouts];
  if (rows.startMs !== null && rows.endMs !== null) spans.push({ id: "", localDate: "", startMs: rows.startMs, endMs: rows.endMs });
  const hull = hullOf(spans);
  return hull ? { startMs: hull.fromMs, endMs: hull.toMs } : null;
}

/**
 * Removes every row an import wrote first, in one transaction under the user's grouping lock: its workouts (then
 * the records they overlapped are regrouped), samples, intake entries and body measurements. A row can also be in
 * another import that found it already stored; those imports are queued to run again, which writes such rows back
 * under their own id. Then the touched days, their HIIT and (through the days) the projections are recomputed.
 */
export async function removeImportRows(deps: Deps, row: { id: string; userId: string; format: string }, timeZone: string): Promise<string[]> {
  const at = deps.clock.now();
  const removal = await deps.sql.begin(async (tx): Promise<Removal> => {
    const { deleted: workouts, changes } = await deleteWorkoutsInTx(tx, row.userId, { importId: row.id });
    const rows = await deleteOwnedRows(tx, row.userId, row.id, timeZone);
    const span = spanOf(workouts, rows);
    if (span === null) return { workouts, rows, changes, reruns: [] };
    await widenImportSpan(tx, row.id, span);
    const foodLog = isFoodLogFormat(row.format);
    const reruns = await markOverlappingForRerun(tx, { userId: row.userId, importId: row.id, span, foodLogFormats: FOOD_LOG_FORMATS, foodLog, at });
    return { workouts, rows, changes, reruns };
  });
  for (const rerun of removal.reruns) await enqueueImportRun(deps, rerun.id, rerun.runs);
  const dates = [...new Set([...removal.rows.dates, ...removal.workouts.flatMap((w) => workoutDates(w, timeZone))])];
  await queueRegroupEffects(deps, row.userId, timeZone, removal.changes, dates);
  await enqueueDayDetections(deps, row.userId, dates);
  return dates;
}

/** The user's local dates from the start to the end of an import's data. */
function datesOfSpan(startAt: Date | null, endAt: Date | null, timeZone: string): string[] {
  if (startAt === null || endAt === null) return [];
  return datesBetween(localDateIn(startAt, timeZone), localDateIn(endAt, timeZone));
}

/**
 * The `imports.delete` job: the import was hidden when its deletion was asked for; here its rows, its stored file
 * and finally its row go. Every step is idempotent, so a retry after a crash finishes the work: a retry that finds
 * no rows left recomputes the whole span the import covered (kept on its row until the very end).
 */
export async function runImportDeletion(deps: Deps, importId: string): Promise<"deleted" | "skipped"> {
  const row = await findImportById(deps.db, importId);
  if (!row || row.deletedAt === null) return "skipped";
  const user = await findUser(deps, row.userId);
  if (user) {
    const dates = await removeImportRows(deps, row, user.timeZone);
    if (dates.length === 0) await enqueueDayRecomputes(deps, row.userId, datesOfSpan(row.dataStartAt, row.dataEndAt, user.timeZone));
  }
  await rm(pathForKey(deps.env.UPLOAD_DIR, row.storageKey), { force: true });
  await deleteImportRow(deps.db, importId);
  return "deleted";
}
