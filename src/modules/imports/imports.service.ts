import type { Readable } from "node:stream";
import type { Deps } from "../../deps.js";
import type { ImportRow } from "../../db/schema/index.js";
import { jobIds } from "../../jobs/definitions.js";
import { enqueue } from "../../jobs/enqueue.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { NotFoundError, UnprocessableError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { detectFormat } from "../ingest/format-detect.js";
import { listZipEntryNames } from "../ingest/parsers/zip.js";
import { ParseError } from "../ingest/parsers/types.js";
import type { ImportFormat } from "./formats.js";
import { findImport, findStaleUnfinished, insertImportOnce, listImports } from "./imports.repo.js";
import { discard, moveIntoStore, storageKeyFor, type StoredUpload, streamToTempFile } from "./upload-store.js";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function resolveFormat(upload: StoredUpload, override: ImportFormat | undefined): Promise<ImportFormat> {
  if (override) return override;
  if (upload.bytes === 0) throw new UnprocessableError("The uploaded file is empty.", "EMPTY_FILE");
  const zipEntryNames = upload.head.subarray(0, 4).equals(ZIP_MAGIC) ? await listZipEntryNames(upload.tempPath) : undefined;
  const format = detectFormat(upload.head, zipEntryNames ? { zipEntryNames } : {});
  if (!format) {
    throw new UnprocessableError(
      "The file is not a format wearsync reads (Apple Health, FIT, TCX, GPX, Health Auto Export, Google Fit or Fitbit Takeout, MyFitnessPal, Cronometer).",
      "UNKNOWN_FORMAT",
    );
  }
  return format;
}

/**
 * Stores an upload (streamed, hashed) and queues its import. The same bytes from the same user return the
 * existing import instead: no second job, no second set of rows.
 */
export async function createImport(
  deps: Deps,
  userId: string,
  body: Readable,
  opts: { filename: string | null; format?: ImportFormat },
): Promise<{ row: ImportRow; created: boolean }> {
  const upload = await streamToTempFile(body, deps.env.UPLOAD_DIR, deps.env.UPLOAD_MAX_BYTES);
  let format: ImportFormat;
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
    storageKey,
    createdAt: now,
    updatedAt: now,
  });
  if (result.created) await enqueueImport(deps, result.row.id);
  return result;
}

/** Best effort: when Redis is down the import stays queued and the reconciler enqueues it later. */
async function enqueueImport(deps: Deps, importId: string): Promise<void> {
  try {
    await enqueue(deps.queues, "imports.run", { importId }, { jobId: jobIds.runImport(importId) });
  } catch (err) {
    deps.logger.warn({ importId, error: { message: (err as Error).message } }, "imports.enqueue-deferred");
  }
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

/** Re-enqueues stale unfinished imports; the deterministic job id makes this a no-op for live ones. */
export async function reconcileImports(deps: Deps): Promise<number> {
  const stale = await findStaleUnfinished(deps.db, new Date(deps.clock.now().getTime() - STALE_AFTER_MS), 500);
  for (const { id } of stale) await enqueue(deps.queues, "imports.run", { importId: id }, { jobId: jobIds.runImport(id) });
  return stale.length;
}
