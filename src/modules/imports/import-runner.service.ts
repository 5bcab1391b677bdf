import type { ImportRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { isArchiveFormat, isFoodLogFormat, openRecords, type ParsedSample, type ParsedWorkout, ParseError } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { findUser } from "../accounts/index.js";
import { enqueueHiitAfterIngest } from "../hiit/index.js";
import { type BatchEffects, IngestWriter } from "../ingest/index.js";
import { regroupAfterWrite } from "../workouts/index.js";
import { runArchiveImport } from "./archive-import.service.js";
import { runFoodLogImport } from "./food-log-import.service.js";
import { type ImportRunResult, ImportTally } from "./import-outcome.js";
import { removeImportRows } from "./import-removal.service.js";
import { insertedByType } from "./import-rows.repo.js";
import { findImportById, markCompleted, markFailed, markProcessing, recordProgress } from "./imports.repo.js";
import { noDataMessage } from "./no-data.js";
import { pathForKey } from "./upload-store.js";

// Big enough that COPY + merge amortize their round trips (measured: +10-30 % over 20k), small enough that a
// retried chunk is cheap (~5 MB of rows).
const SAMPLES_PER_BATCH = 50_000;
const WORKOUTS_PER_BATCH = 50;

/**
 * Streams a stored upload through its parser into the database. Parsing of the next batch overlaps the
 * write of the previous one (at most one write in flight). A file that cannot be read fails the import
 * and its rows are removed; a per-record problem only rejects that record.
 */
export async function runImport(deps: Deps, importId: string, jobRun?: number): Promise<ImportRunResult> {
  const row = await findImportById(deps.db, importId);
  if (!row || row.deletedAt !== null || row.status === "completed" || row.status === "failed") return { status: "skipped" };
  // A retry or a re-run asked for a newer run: its own job does the work.
  if (jobRun !== undefined && jobRun < row.runs) return { status: "skipped" };
  const user = await findUser(deps, row.userId);
  if (!user) return { status: "skipped" };
  const run = row.runs;
  await markProcessing(deps.db, importId, deps.clock.now(), run);
  if (isFoodLogFormat(row.format)) return runFoodLogImport(deps, row, user, run);
  if (isArchiveFormat(row.format)) return runArchiveImport(deps, row, user, run);

  const nowMs = deps.clock.now().getTime();
  const writer = new IngestWriter(deps, { userId: row.userId, importId, timeZone: user.timeZone, nowMs });
  const tally = new ImportTally();
  const effects: Pick<BatchEffects, "localDates" | "workoutIds"> = { localDates: new Set(), workoutIds: [] };
  let bytesRead = 0;
  let totalBytes: number | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let batch: { samples: ParsedSample[]; workouts: ParsedWorkout[] } = { samples: [], workouts: [] };

  const flush = async () => {
    const toWrite = batch;
    batch = { samples: [], workouts: [] };
    // Build this batch's rows while the previous one is still being written, then wait for it.
    const prepared = await writer.prepare(toWrite);
    await inFlight;
    const progress = { bytes: bytesRead, records: tally.records, totalBytes };
    inFlight = writer.commit(prepared).then(async (written) => {
      for (const d of written.localDates) effects.localDates.add(d);
      effects.workoutIds.push(...written.workoutIds);
      await recordProgress(deps.db, importId, progress, deps.clock.now());
    });
    // Marks the promise handled now; its failure still surfaces at the next `await inFlight`.
    inFlight.catch(() => undefined);
  };

  try {
    const events = openRecords(row.format, pathForKey(deps.env.UPLOAD_DIR, row.storageKey), {
      nowMs,
      timeZone: user.timeZone,
      filename: row.filename,
      // The upload's ?weight_unit= wins; else the profile's unit system says what a file without units means.
      weightUnit: row.weightUnit ?? (user.unitSystem === "imperial" ? "lb" : "kg"),
      onTotalBytes: (bytes) => {
        totalBytes = bytes;
      },
      onBytes: (bytes) => {
        bytesRead = bytes;
      },
    });
    for await (const event of events) {
      tally.observe(event);
      if (event.kind === "sample") batch.samples.push(event.sample);
      else if (event.kind === "workout") batch.workouts.push(event.workout);
      if (batch.samples.length >= SAMPLES_PER_BATCH || batch.workouts.length >= WORKOUTS_PER_BATCH) await flush();
    }
    await flush();
    await inFlight;
  } catch (err) {
    await inFlight.catch(() => undefined);
    if (!(err instanceof ParseError)) throw err;
    for (const [recordType, count] of Object.entries(err.skipped)) tally.addSkipped(recordType, count);
    await removeImportRows(deps, row, user.timeZone);
    await markFailed(deps.db, importId, { code: err.code, message: err.message }, deps.clock.now(), { skipped: tally.skippedByType() }, run);
    return { status: "failed", code: err.code };
  }
  if (!tally.hasData) return failNoData(deps, row, tally, user.timeZone, run);

  const inserted = await insertedByType(deps.sql, row.userId, importId);
  await regroupAfterWrite(deps, row.userId, effects.workoutIds);
  // Before marking completed: if this fails the job retries, and a completed import would be skipped.
  await enqueueDayRecomputes(deps, row.userId, effects.localDates);
  await enqueueHiitAfterIngest(deps, row.userId, effects);
  await markCompleted(
    deps.db,
    importId,
    {
      counts: tally.counts(inserted),
      rejections: tally.rejections,
      partial: tally.partialReason !== null,
      partialReason: tally.partialReason,
      bytes: bytesRead,
      records: tally.records,
      skipped: tally.skippedByType(),
      span: tally.span,
    },
    deps.clock.now(),
    run,
  );
  return { status: "completed", localDates: [...effects.localDates].sort(), workoutIds: effects.workoutIds };
}

/** An import whose job ran out of retries says so, instead of staying "processing" forever. */
export async function failImportOutOfRetries(deps: Deps, importId: string, jobRun: number | undefined): Promise<void> {
  const failure = { code: "IMPORT_ERROR", message: "The import could not be completed after several attempts. Please try again later." };
  await markFailed(deps.db, importId, failure, deps.clock.now(), {}, jobRun ?? 1);
}

/**
 * A file that was read to the end but yielded no sample and no workout fails as NO_DATA, naming what it held;
 * its skipped types and rejected records stay on the import, and nothing it may have touched remains.
 */
async function failNoData(deps: Deps, row: ImportRow, tally: ImportTally, timeZone: string, run: number): Promise<ImportRunResult> {
  await removeImportRows(deps, row, timeZone);
  const message = noDataMessage({
    format: row.format,
    skipped: tally.skippedByType(),
    rejectedByType: tally.rejectedByType,
    partialReason: tally.partialReason,
  });
  await markFailed(
    deps.db,
    row.id,
    { code: "NO_DATA", message },
    deps.clock.now(),
    {
      counts: tally.counts(new Map()),
      rejections: tally.rejections,
      skipped: tally.skippedByType(),
    },
    run,
  );
  return { status: "failed", code: "NO_DATA" };
}
