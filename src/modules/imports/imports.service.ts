import type { Readable } from "node:stream";
import type { ImportRow, WeightUnit } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { detectFileFormat, type FormatName, ParseError } from "../../formats/index.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { ConflictError, NotFoundError, UnprocessableError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { enqueueImportDeletion, enqueueImportRun } from "./import-jobs.service.js";
import {
  findImport,
  findStaleDeletions,
  findStaleUnfinished,
  insertImportOnce,
  listImports,
  requestDeletion,
  requeueFailed,
  requeueWithWeightUnit,
} from "./imports.repo.js";
import { discard, moveIntoStore, type StoredUpload, storageKeyFor, streamToTempFile } from "./upload-store.js";

async function resolveFormat(upload: StoredUpload, override: FormatName | undefined): Promise<FormatName> {
  if (override) return override;
  if (upload.bytes === 0) throw new UnprocessableError("The uploaded file is empty.", "EMPTY_FILE");
  const format = await detectFileFormat(upload.tempPath, upload.head);
  if (!format) {
    throw new UnprocessableError(
      "The file is not a format wearsync reads (Apple Health, FIT, TCX, GPX, Health Auto Export, Google Fit or Fitbit Takeout, Strava or Samsung Health export, MyFitnessPal, Cronometer; gzipped too).",
      "UNKNOWN_FORMAT",
    );
  }
  return format;
}

/**
 * Stores an upload (streamed, hashed) and queues its import. The same bytes from the same user return the
 * existing import instead: no second job, no second set of rows; unless that import failed, which is then queued
 * again from the stored file (`queued: true`), the same as POST /v1/imports/{id}/retry.
 */
export async function createImport(
  deps: Deps,
  userId: string,
  body: Readable,
  opts: { filename: string | null; format?: FormatName; weightUnit?: WeightUnit },
): Promise<{ row: ImportRow; queued: boolean }> {
  const upload = await streamToTempFile(body, deps.env.UPLOAD_DIR, deps.env.UPLOAD_MAX_BYTES);
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
  await moveIntoStore(deps.env.UPLOAD_DIR, upload.tempPath, storageKey);
  const now = deps.clock.now();
  const result = await insertImportOnce(deps.db, {
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
  if (result.created) {
    await enqueueImportRun(deps, result.row.id, result.row.runs);
    return { row: result.row, queued: true };
  }
  if (result.row.deletedAt !== null) {
    throw new ConflictError("An import of these same bytes is being deleted; upload them again in a moment.", "IMPORT_BEING_DELETED");
  }
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

// An import untouched this long is either lost (crash before enqueue, Redis wiped) or its worker died.
const STALE_AFTER_MS = 2 * 60_000;

/**
 * Re-enqueues stale unfinished imports and deletions whose job was lost; the deterministic job ids (per run)
 * make this a no-op for live ones.
 */
export async function reconcileImports(deps: Deps): Promise<number> {
  const olderThan = new Date(deps.clock.now().getTime() - STALE_AFTER_MS);
  const stale = await findStaleUnfinished(deps.db, olderThan, 500);
  for (const { id, runs } of stale) await enqueueImportRun(deps, id, runs);
  const deletions = await findStaleDeletions(deps.db, olderThan, 500);
  for (const { id } of deletions) await enqueueImportDeletion(deps, id);
  return stale.length + deletions.length;
}
