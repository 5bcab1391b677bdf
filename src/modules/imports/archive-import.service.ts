import type { ImportRow, UserRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { type ArchiveEvent, openArchive, ParseError } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { fillMissingProfile } from "../accounts/index.js";
import { enqueueHiitAfterIngest } from "../hiit/index.js";
import { ArchiveRestorer } from "../ingest/index.js";
import { regroupAfterWrite } from "../workouts/index.js";
import { type ImportRunResult, ImportTally } from "./import-outcome.js";
import { removeImportRows } from "./import-removal.service.js";
import { insertedByType } from "./import-rows.repo.js";
import { markCompleted, markFailed, recordProgress } from "./imports.repo.js";
import { pathForKey } from "./upload-store.js";

// How each restored row kind is named in the import's counts (samples keep their type, as in other imports).
const COUNTED_AS: Partial<Record<ArchiveEvent["kind"], string>> = {
  intake: "intake",
  "weigh-in": "body_measurement",
  "day-status": "day_status",
  "day-confirmation": "day_confirmation",
  source: "source",
};
const INSERTED_FROM: Record<string, string> = {
  body_measurement: "body_measurements",
  day_status: "intake_day_statuses",
  day_confirmation: "day_confirmations",
};
const PROGRESS_EVERY_RECORDS = 50_000;

/**
 * A wearsync export uploaded back: its raw rows restored for the importing user (ids remapped, see ArchiveRestorer),
 * its profile filling what the user has not set, and every derived answer (days, HIIT, projections, activity
 * groups) recomputed from those rows by the same jobs as after any import. A re-upload adds no row.
 */
export async function runArchiveImport(deps: Deps, row: ImportRow, user: UserRow, run: number): Promise<ImportRunResult> {
  const nowMs = deps.clock.now().getTime();
  const tally = new ImportTally();
  let restorer: ArchiveRestorer | null = null;
  let bytesRead = 0;
  let totalBytes: number | null = null;
  try {
    const events = openArchive(row.format, pathForKey(deps.env.UPLOAD_DIR, row.storageKey), {
      nowMs,
      timeZone: user.timeZone,
      filename: row.filename,
      weightUnit: null,
      onTotalBytes: (bytes) => {
        totalBytes = bytes;
      },
      onBytes: (bytes) => {
        bytesRead = bytes;
      },
    });
    for await (const event of events) {
      if (event.kind === "archive") {
        restorer = new ArchiveRestorer(deps, {
          userId: row.userId,
          importId: row.id,
          timeZone: user.timeZone,
          nowMs,
          sameAccount: event.exportedBy === row.userId,
        });
        continue;
      }
      if (restorer === null) throw new ParseError("EXPORT_INVALID", "The export's rows came before its manifest.");
      if (event.kind === "profile") {
        restorer.useTimeZone((await fillMissingProfile(deps, row.userId, event.profile)).timeZone);
        continue;
      }
      observe(tally, event);
      await restorer.take(event);
      if (tally.records % PROGRESS_EVERY_RECORDS === 0) {
        await recordProgress(deps.db, row.id, { bytes: bytesRead, records: tally.records, totalBytes }, deps.clock.now());
      }
    }
    await restorer?.finish();
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    await removeImportRows(deps, row, user.timeZone);
    await markFailed(deps.db, row.id, { code: err.code, message: err.message }, deps.clock.now(), {}, run);
    return { status: "failed", code: err.code };
  }
  if (restorer === null || tally.records === 0) {
    await markFailed(deps.db, row.id, { code: "NO_DATA", message: "The export holds no rows to restore." }, deps.clock.now(), {}, run);
    return { status: "failed", code: "NO_DATA" };
  }

  const inserted = await insertedByType(deps.sql, row.userId, row.id);
  for (const [type, table] of Object.entries(INSERTED_FROM)) inserted.set(type, restorer.inserted.get(table) ?? 0);
  await regroupAfterWrite(deps, row.userId, restorer.workoutIds);
  await enqueueDayRecomputes(deps, row.userId, restorer.localDates);
  await enqueueHiitAfterIngest(deps, row.userId, { localDates: restorer.localDates, workoutIds: restorer.workoutIds });
  await markCompleted(
    deps.db,
    row.id,
    {
      counts: tally.counts(inserted),
      rejections: tally.rejections,
      partial: tally.partialReason !== null,
      partialReason: tally.partialReason,
      bytes: bytesRead,
      records: tally.records,
      skipped: {},
      span: tally.span,
    },
    deps.clock.now(),
    run,
  );
  return { status: "completed", localDates: [...restorer.localDates].sort(), workoutIds: restorer.workoutIds };
}

/** Samples, workouts, rejections and damage are tallied as in every import; the restored tables by their name. */
function observe(tally: ImportTally, event: ArchiveEvent): void {
  if (event.kind === "sample" || event.kind === "workout" || event.kind === "rejected" || event.kind === "partial" || event.kind === "skipped") {
    tally.observe(event);
    return;
  }
  const type = COUNTED_AS[event.kind];
  if (type === undefined) return;
  tally.records++;
  tally.parsedByType.set(type, (tally.parsedByType.get(type) ?? 0) + 1);
  if (event.kind === "intake") tally.widen(event.intake.consumedAtMs, event.intake.consumedAtMs);
  if (event.kind === "weigh-in") tally.widen(event.weighIn.measuredAtMs, event.weighIn.measuredAtMs);
}
