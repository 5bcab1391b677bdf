import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { type ImportRow, imports, type RecordTypeCounts, type RejectedRecord } from "../../db/schema/index.js";
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

export async function findImport(db: DbOrTx, userId: string, importId: string): Promise<ImportRow | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.userId, userId)))
    .limit(1);
  return row;
}

/** For the worker: the job payload carries only the import id. */
export async function findImportById(db: DbOrTx, importId: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, importId)).limit(1);
  return row;
}

export async function listImports(
  db: DbOrTx,
  userId: string,
  opts: { limit: number; after?: CursorPosition },
): Promise<ImportRow[]> {
  const after = opts.after;
  const afterClause = after
    ? or(
        lt(imports.createdAt, new Date(after.sortKey)),
        and(eq(imports.createdAt, new Date(after.sortKey)), lt(imports.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.userId, userId), afterClause))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(opts.limit);
}

export async function markProcessing(db: DbOrTx, importId: string, at: Date): Promise<void> {
  await db
    .update(imports)
    .set({
      status: "processing",
      startedAt: at,
      updatedAt: at,
      progressBytes: 0,
      progressRecords: 0,
      errorCode: null,
      errorMessage: null,
    })
    .where(eq(imports.id, importId));
}

export async function recordProgress(db: DbOrTx, importId: string, progress: { bytes: number; records: number }, at: Date) {
  await db
    .update(imports)
    .set({ progressBytes: progress.bytes, progressRecords: progress.records, updatedAt: at })
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
  },
  at: Date,
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
      finishedAt: at,
      updatedAt: at,
    })
    .where(eq(imports.id, importId));
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
    .where(eq(imports.id, importId));
}

/** Imports stuck before a terminal state (e.g. a crash between commit and enqueue) for the reconciler. */
export async function findStaleUnfinished(db: DbOrTx, olderThan: Date, limit: number): Promise<Pick<ImportRow, "id">[]> {
  return db
    .select({ id: imports.id })
    .from(imports)
    .where(and(sql`${imports.status} in ('queued', 'processing')`, lt(imports.updatedAt, olderThan)))
    .limit(limit);
}
