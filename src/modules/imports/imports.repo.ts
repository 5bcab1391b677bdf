import { and, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { pastCursor } from "../../db/keyset.js";
import { type ImportRow, imports, type RecordTypeCounts, type RejectedRecord, type WeightUnit } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";

export type NewImport = typeof imports.$inferInsert;

/** Inserts unless this user already uploaded these bytes; returns the row and whether it is new. */
export async function insertImportOnce(db: DbOrTx, row: NewImport): Promise<{ row: ImportRow; created: boolean }> {
  const [inserted] = await db.insert(imports).values(row).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const [existing] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.userId, row.userId), eq(imports.sha256, row.sha256)))
    .limit(1);
  if (!existing) throw new Error("import vanished between insert and select");
  return { row: existing, created: false };
}

/** One of the user's imports; one whose deletion was asked for no longer exists for the API. */
export async function findImport(db: DbOrTx, userId: string, importId: string): Promise<ImportRow | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.userId, userId), isNull(imports.deletedAt)))
    .limit(1);
  return row;
}

/** For the worker: the job payload carries only the import id. */
export async function findImportById(db: DbOrTx, importId: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, importId)).limit(1);
  return row;
}

export async function listImports(db: DbOrTx, userId: string, opts: { limit: number; after?: CursorPosition }): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.userId, userId), isNull(imports.deletedAt), pastCursor(imports.createdAt, imports.id, opts.after, "desc")))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(opts.limit);
}

/** Every status write of a run names the run: once a newer run was asked for, an older one's writes change nothing. */
const ofRun = (importId: string, run: number | undefined) =>
  run === undefined ? eq(imports.id, importId) : and(eq(imports.id, importId), eq(imports.runs, run));

export async function markProcessing(db: DbOrTx, importId: string, at: Date, run?: number): Promise<void> {
  await db
    .update(imports)
    .set({
      status: "processing",
      startedAt: at,
      updatedAt: at,
      progressBytes: 0,
      progressRecords: 0,
      progressTotalBytes: null,
      errorCode: null,
      errorMessage: null,
    })
    .where(ofRun(importId, run));
}

export async function recordProgress(
  db: DbOrTx,
  importId: string,
  progress: { bytes: number; records: number; totalBytes: number | null },
  at: Date,
) {
  await db
    .update(imports)
    .set({ progressBytes: progress.bytes, progressRecords: progress.records, progressTotalBytes: progress.totalBytes, updatedAt: at })
    .where(eq(imports.id, importId));
}

export async function markCompleted(
  db: DbOrTx,
  importId: string,
  outcome: {
    counts: Record<string, RecordTypeCounts>;
    rejections: RejectedRecord[];
    partial: boolean;
    partialReason: string | null;
    bytes: number;
    records: number;
    skipped?: Record<string, number>;
    /** The earliest start and latest end of what the file held (null when it held nothing). */
    span: { startMs: number; endMs: number } | null;
  },
  at: Date,
  run?: number,
): Promise<void> {
  await db
    .update(imports)
    .set({
      status: "completed",
      counts: outcome.counts,
      rejections: outcome.rejections,
      skipped: outcome.skipped ?? {},
      partial: outcome.partial,
      errorCode: outcome.partial ? "PARTIAL_FILE" : null,
      errorMessage: outcome.partialReason,
      progressBytes: outcome.bytes,
      progressRecords: outcome.records,
      dataStartAt: outcome.span ? new Date(outcome.span.startMs) : null,
      dataEndAt: outcome.span ? new Date(outcome.span.endMs) : null,
      finishedAt: at,
      updatedAt: at,
    })
    .where(ofRun(importId, run));
}

/** What a failed import still reports: for NO_DATA, what the file held (skipped types, rejected records). */
export interface FailureReport {
  counts?: Record<string, RecordTypeCounts>;
  rejections?: RejectedRecord[];
  skipped?: Record<string, number>;
}

export async function markFailed(
  db: DbOrTx,
  importId: string,
  error: { code: string; message: string },
  at: Date,
  report: FailureReport = {},
  run?: number,
) {
  await db
    .update(imports)
    .set({
      status: "failed",
      errorCode: error.code,
      errorMessage: error.message,
      finishedAt: at,
      updatedAt: at,
      partial: false,
      counts: report.counts ?? {},
      rejections: report.rejections ?? [],
      skipped: report.skipped ?? {},
    })
    .where(ofRun(importId, run));
}

const rerunReset = () => ({
  status: "queued" as const,
  errorCode: null,
  errorMessage: null,
  counts: {},
  rejections: [],
  skipped: {},
  partial: false,
  progressBytes: 0,
  progressRecords: 0,
  startedAt: null,
  finishedAt: null,
});

/** A finished import back to queued with a weight unit, under a new run; undefined while it runs or is deleted. */
export async function requeueWithWeightUnit(
  db: DbOrTx,
  userId: string,
  importId: string,
  weightUnit: WeightUnit,
  at: Date,
): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set({ ...rerunReset(), weightUnit, runs: sql`${imports.runs} + 1`, updatedAt: at })
    .where(and(eq(imports.id, importId), eq(imports.userId, userId), inArray(imports.status, ["completed", "failed"]), isNull(imports.deletedAt)))
    .returning();
  return row;
}

/** A failed import back to queued under a new run number; undefined when it is not (or no longer) failed. */
export async function requeueFailed(db: DbOrTx, userId: string, importId: string, at: Date): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set({ ...rerunReset(), runs: sql`${imports.runs} + 1`, recoveries: 0, updatedAt: at })
    .where(and(eq(imports.id, importId), eq(imports.userId, userId), eq(imports.status, "failed"), isNull(imports.deletedAt)))
    .returning();
  return row;
}

/** Hides a finished import at once (its rows go in a job); undefined when it is unknown, running or already going. */
export async function requestDeletion(db: DbOrTx, userId: string, importId: string, at: Date): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set({ deletedAt: at, updatedAt: at })
    .where(and(eq(imports.id, importId), eq(imports.userId, userId), isNull(imports.deletedAt), inArray(imports.status, ["completed", "failed"])))
    .returning();
  return row;
}

/** Deletions asked for long enough ago that their job was lost (a crash, a wiped Redis), any user. */
export async function findStaleDeletions(db: DbOrTx, olderThan: Date, limit: number): Promise<Pick<ImportRow, "id">[]> {
  return db
    .select({ id: imports.id })
    .from(imports)
    .where(and(isNotNull(imports.deletedAt), lt(imports.updatedAt, olderThan)))
    .limit(limit);
}

export async function deleteImportRow(db: DbOrTx, importId: string): Promise<void> {
  await db.delete(imports).where(eq(imports.id, importId));
}

/** Imports stuck before a terminal state (e.g. a crash between commit and enqueue) for the reconciler. */
export async function findStaleUnfinished(db: DbOrTx, olderThan: Date, limit: number): Promise<Pick<ImportRow, "id" | "runs" | "recoveries">[]> {
  return db
    .select({ id: imports.id, runs: imports.runs, recoveries: imports.recoveries })
    .from(imports)
    .where(and(sql`${imports.status} in ('queued', 'processing')`, isNull(imports.deletedAt), lt(imports.updatedAt, olderThan)))
    .limit(limit);
}

/** Bytes of the user's stored upload files: every import whose file the retention sweep has not removed. */
export async function storedUploadBytes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<string>`coalesce(sum(${imports.bytes}), 0)` })
    .from(imports)
    .where(and(eq(imports.userId, userId), isNull(imports.fileRemovedAt)));
  return Number(row?.bytes ?? 0);
}

/** The same bytes were uploaded again after the sweep removed their file: the file is stored again. */
export async function markFileStored(db: DbOrTx, importId: string): Promise<void> {
  await db.update(imports).set({ fileRemovedAt: null }).where(eq(imports.id, importId));
}

/**
 * Claims up to `limit` finished imports (completed or failed) that ended before `finishedBefore` and still hold a
 * file: marks them removed and returns their storage keys, for the caller to delete the files. The row and every
 * row it imported stay. Claimed with SKIP LOCKED, so two sweepers never take the same import.
 */
export async function claimExpiredFiles(db: DbOrTx, finishedBefore: Date, at: Date, limit: number): Promise<Pick<ImportRow, "id" | "storageKey">[]> {
  const rows = await db.execute<{ id: string; storage_key: string }>(sql`
    update imports set file_removed_at = ${at.toISOString()}::timestamptz
    where id in (
      select id from imports
      where file_removed_at is null and finished_at is not null and finished_at < ${finishedBefore.toISOString()}::timestamptz
        and status in ('completed', 'failed') and deleted_at is null
      order by finished_at
      limit ${limit}
      for update skip locked)
    returning id, storage_key`);
  return [...rows].map((r) => ({ id: r.id, storageKey: r.storage_key }));
}

/** Counts one recovery of this run (and restarts its staleness clock); false when the run moved on meanwhile. */
export async function countRecovery(db: DbOrTx, importId: string, run: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(imports)
    .set({ recoveries: sql`${imports.recoveries} + 1`, updatedAt: at })
    .where(and(ofRun(importId, run), inArray(imports.status, ["queued", "processing"]), isNull(imports.deletedAt)))
    .returning({ id: imports.id });
  return rows.length > 0;
}
