import type { Readable } from "node:stream";
import type { ImportRow, WeightUnit } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { detectFileFormat, type FormatName, ParseError } from "../../formats/index.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { ConflictError, NotFoundError, PayloadTooLargeError, UnprocessableError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { enqueueImportDeletion, enqueueImportRun, failImportInterrupted, hasLiveJob, removeFinishedJob } from "./import-jobs.service.js";
import {
  claimExpiredFiles,
  countRecovery,
  findImport,
  findStaleDeletions,
  findStaleUnfinished,
  insertImportOnce,
  listImports,
  markFileStored,
  requestDeletion,
  requeueFailed,
  requeueWithWeightUnit,
} from "./imports.repo.js";
import { claimUploadSlot, quotaExceeded, remainingUploadBytes } from "./upload-quota.js";
import { discard, moveIntoStore, pathForKey, type StoredUpload, storageKeyFor, streamToTempFile } from "./upload-store.js";

async function resolveFormat(upload: StoredUpload, override: FormatName | undefined): Promise<FormatName> {
  if (override) return override;
  if (upload.bytes === 0) throw new UnprocessableError("The uploaded file is empty.", "EMPTY_FILE");
  const format = await detectFileFormat(upload.tempPath, upload.head);
  if (!format) {
    throw new UnprocessableError(
      "The file is not a format wearsync reads (Apple Health, FIT, TCX, GPX, Health Auto Export, Google Fit or Fitbit Takeout, Strava or Samsung Health export, MyFitnessPal, Cronometer, a wearsync export; gzipped too).",
      "UNKNOWN_FORMAT",
    );
  }
  return format;
}

/**
 * Stores an upload (streamed, hashed) and queues its import. The same bytes from the same user return the
 * existing import instead: no second job, no second set of rows; unless that import failed, which is then queued
 * again from the stored file (`queued: true`), the same as POST /v1/imports/{id}/retry.
 *
 * The user's quotas are checked before the body is read (`openBody` is called only then): a free concurrent-upload
 * slot (429) and room under the stored-bytes quota (413), which also caps the stream.
 */
export async function createImport(
  deps: Deps,
  userId: string,
  openBody: () => Promise<{ stream: Readable; filename: string | null }>,
  opts: { filename?: string; format?: FormatName; weightUnit?: WeightUnit },
): Promise<{ row: ImportRow; queued: boolean }> {
  const release = await claimUploadSlot(deps, userId);
  try {
    const { remaining, used } = await remainingUploadBytes(deps, userId);
    const body = await openBody();
    const maxBytes = Math.min(deps.env.UPLOAD_MAX_BYTES, remaining);
    let upload: StoredUpload;
    try {
      upload = await streamToTempFile(body.stream, deps.env.UPLOAD_DIR, maxBytes);
    } catch (err) {
      body.stream.destroy();
      if (err instanceof PayloadTooLargeError && maxBytes < deps.env.UPLOAD_MAX_BYTES)
        throw quotaExceeded(deps.env.UPLOAD_QUOTA_BYTES_PER_USER, used);
      throw err;
    }
    return await storeImport(deps, userId, upload, {
      filename: opts.filename ?? body.filename,
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.weightUnit ? { weightUnit: opts.weightUnit } : {}),
    });
  } finally {
    await release();
  }
}

async function storeImport(
  deps: Deps,
  userId: string,
  upload: StoredUpload,
  opts: { filename: string | null; format?: FormatName; weightUnit?: WeightUnit },
): Promise<{ row: ImportRow; queued: boolean }> {
  let format: FormatName;
  try {
    format = await resolveFormat(upload, opts.format);
  } catch (err) {
    await discard(upload.tempPath);
    if (err instanceof ParseError) throw new UnprocessableError(err.message, err.code);
    throw err;
  }
  const storageKey = storageKeyFor(userId, upload.sha256);
  // Content-addressed: moving identical bytes over an existing file changes nothing.
  const stored = await moveIntoStore(deps.env.UPLOAD_DIR, upload.tempPath, storageKey);
  const now = deps.clock.now();
  let result: Awaited<ReturnType<typeof insertImportOnce>>;
  try {
    result = await insertImportOnce(deps.db, {
      id: newId("imp", now.getTime()),
      userId,
      sha256: upload.sha256,
      bytes: upload.bytes,
      format,
      filename: opts.filename,
      weightUnit: opts.weightUnit ?? null,
      storageKey,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    // No row points at a file this request brought: leave no orphan in the store.
    if (stored.created) await discard(pathForKey(deps.env.UPLOAD_DIR, storageKey));
    throw err;
  }
  if (result.created) {
    await enqueueImportRun(deps, result.row.id, result.row.runs);
    return { row: result.row, queued: true };
  }
  if (result.row.deletedAt !== null) {
    throw new ConflictError("An import of these same bytes is being deleted; upload them again in a moment.", "IMPORT_BEING_DELETED");
  }
  // The retention sweep had removed this import's file; the upload just stored it again.
  if (result.row.fileRemovedAt !== null) await markFileStored(deps.db, result.row.id);
  if (opts.weightUnit !== undefined && opts.weightUnit !== result.row.weightUnit) {
    return { row: await rerunWithWeightUnit(deps, userId, result.row.id, opts.weightUnit), queued: true };
  }
  if (result.row.status === "failed") return { row: await retryFailed(deps, userId, result.row.id), queued: true };
  return { row: result.row, queued: false };
}

/** The same file told its weight unit: a finished import runs again with it (its rows are upserted, not doubled). */
async function rerunWithWeightUnit(deps: Deps, userId: string, importId: string, weightUnit: WeightUnit): Promise<ImportRow> {
  const row = await requeueWithWeightUnit(deps.db, userId, importId, weightUnit, deps.clock.now());
  if (!row) throw new ConflictError("The import is still running; send the weight unit again once it has finished.", "IMPORT_IN_PROGRESS");
  await enqueueImportRun(deps, row.id, row.runs);
  return row;
}

async function retryFailed(deps: Deps, userId: string, importId: string): Promise<ImportRow> {
  const row = await requeueFailed(deps.db, userId, importId, deps.clock.now());
  if (!row) throw new ConflictError("The import is no longer failed (it was retried meanwhile).", "IMPORT_NOT_FAILED");
  await enqueueImportRun(deps, row.id, row.runs);
  return row;
}

/** Runs a failed import again from its stored file, as a new run; an import that did not fail is a 409. */
export async function retryImport(deps: Deps, userId: string, importId: string): Promise<ImportRow> {
  const row = await findImport(deps.db, userId, importId);
  if (!row) throw new NotFoundError("import");
  if (row.status !== "failed") throw new ConflictError(`Only a failed import can be retried; this one is ${row.status}.`, "IMPORT_NOT_FAILED");
  if (row.fileRemovedAt !== null) {
    throw new ConflictError("This import's file was removed after the retention period; upload the file again to import it.", "IMPORT_FILE_REMOVED");
  }
  return retryFailed(deps, userId, importId);
}

/**
 * Hides the import at once and queues the job that removes its rows, its stored file and its row, then recomputes
 * what they touched. An import still queued or running is a 409: wait for it to finish.
 */
export async function deleteImport(deps: Deps, userId: string, importId: string): Promise<void> {
  const row = await findImport(deps.db, userId, importId);
  if (!row) throw new NotFoundError("import");
  if (row.status === "queued" || row.status === "processing") {
    throw new ConflictError(`The import is ${row.status}; delete it once it has finished.`, "IMPORT_IN_PROGRESS");
  }
  const hidden = await requestDeletion(deps.db, userId, importId, deps.clock.now());
  if (!hidden) throw new ConflictError("The import changed meanwhile (it is being re-run or deleted); try again shortly.", "IMPORT_IN_PROGRESS");
  await enqueueImportDeletion(deps, importId);
}

export async function getImport(deps: Deps, userId: string, importId: string): Promise<ImportRow> {
  const row = await findImport(deps.db, userId, importId);
  if (!row) throw new NotFoundError("import");
  return row;
}

export async function listUserImports(deps: Deps, userId: string, query: { cursor?: string; limit: number }) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listImports(deps.db, userId, { limit: query.limit + 1, ...(after ? { after } : {}) });
  return paginate(rows, query.limit, (row) => ({ sortKey: row.createdAt.toISOString(), id: row.id }));
}

/** What one sweep of the imports reconciler did. */
export interface ImportsReconciliation {
  /** Runs whose job was lost or gone (failed, finished) while the import was unfinished: queued again. */
  requeued: number;
  /** Runs recovered too often: now `failed`, retriable by re-uploading or POST /v1/imports/{id}/retry. */
  failed: number;
  deletions: number;
}

/**
 * Imports left `queued` or `processing` for IMPORT_STALE_AFTER_MS (updated_at) whose job is not live in Redis:
 * lost with a wiped Redis, never queued during an outage, or kept as failed by BullMQ once its attempts ran out
 * while Postgres was down (a job id that still exists makes a plain re-add a no-op, so that job is removed first).
 * Each run is recovered at most IMPORT_MAX_RECOVERIES times, then fails with a retriable reason. Deletions whose
 * job was lost are queued again the same way.
 */
export async function reconcileImports(deps: Deps): Promise<ImportsReconciliation> {
  const now = deps.clock.now();
  const olderThan = new Date(now.getTime() - deps.env.IMPORT_STALE_AFTER_MS);
  const result: ImportsReconciliation = { requeued: 0, failed: 0, deletions: 0 };
  for (const { id, runs, recoveries } of await findStaleUnfinished(deps.db, olderThan, 500)) {
    const payload = { importId: id, run: runs };
    if (await hasLiveJob(deps, "imports.run", payload)) continue;
    if (recoveries >= deps.env.IMPORT_MAX_RECOVERIES) {
      await failImportInterrupted(deps, id, runs);
      result.failed++;
      continue;
    }
    if (!(await countRecovery(deps.db, id, runs, now))) continue;
    await removeFinishedJob(deps, "imports.run", payload);
    await enqueueImportRun(deps, id, runs);
    result.requeued++;
  }
  for (const { id } of await findStaleDeletions(deps.db, olderThan, 500)) {
    if (await hasLiveJob(deps, "imports.delete", { importId: id })) continue;
    await removeFinishedJob(deps, "imports.delete", { importId: id });
    await enqueueImportDeletion(deps, id);
    result.deletions++;
  }
  return result;
}

const DAY_MS = 86_400_000;

/**
 * Removes the stored files of imports that finished (completed or failed) more than IMPORT_FILE_RETENTION_DAYS ago.
 * Their rows and every row they imported stay; a retry then asks for the file again. Returns how many it removed.
 */
export async function sweepExpiredImportFiles(deps: Deps, batch = 500): Promise<number> {
  const days = deps.env.IMPORT_FILE_RETENTION_DAYS;
  if (days === 0) return 0;
  const now = deps.clock.now();
  const expired = await claimExpiredFiles(deps.db, new Date(now.getTime() - days * DAY_MS), now, batch);
  for (const { storageKey } of expired) await discard(pathForKey(deps.env.UPLOAD_DIR, storageKey));
  return expired.length;
}
