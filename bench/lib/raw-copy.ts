import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";
import { copyMergeSamples } from "../../src/modules/ingest/samples-copy.repo.js";
import type { ImportedType } from "./export-totals.js";
import { batches, COPY_COLUMNS, copyText, rowCount, sampleRows } from "./sample-rows.js";

// After every generated record (they end in 2025), so writer-shaped rows never collide with imported ones.
const BASE_MS = Date.UTC(2026, 0, 1);
// import-runner.ts SAMPLES_PER_BATCH: the writer's chunk size.
export const WRITER_BATCH = 20_000;

export interface CopyResult {
  ms: number;
  rows: number;
}

/**
 * Ceiling (b): one streamed COPY of the same number of rows into a scratch table shaped like `samples` with its
 * primary key (no foreign keys, no merge). `withDateIndex` adds samples' secondary index too (for comparison).
 */
export async function measureRawCopy(sql: Sql, perType: Record<ImportedType, number>, opts: { withDateIndex: boolean }): Promise<CopyResult> {
  const table = opts.withDateIndex ? "bench_copy_pk_idx" : "bench_copy_pk";
  await sql.unsafe(`drop table if exists ${table}`);
  await sql.unsafe(`create table ${table} (like samples including defaults)`);
  await sql.unsafe(`alter table ${table} add primary key (user_id, type, source_id, start_at, end_at)`);
  if (opts.withDateIndex) await sql.unsafe(`create index on ${table} (user_id, type, local_date)`);
  await sql`checkpoint`;
  const rows = sampleRows(perType, { userId: "usr_benchcopy0000000000", sourceIds: [1, 2], importId: "imp_benchcopy0000000000", baseMs: BASE_MS });
  const started = performance.now();
  const writable = await sql.unsafe(`copy ${table} (${COPY_COLUMNS}) from stdin`).writable();
  await pipeline(Readable.from(copyText(rows)), writable);
  const ms = performance.now() - started;
  await sql.unsafe(`drop table ${table}`);
  return { ms, rows: rowCount(perType) };
}

/**
 * The writer's own database path without parsing: copyMergeSamples (COPY into a temp table, INSERT … ON CONFLICT
 * into the real `samples` with its FKs and both indexes) in 20k-row batches, one after another, as the import does.
 */
export async function measureWriterPath(sql: Sql, perType: Record<ImportedType, number>, userId: string): Promise<CopyResult> {
  const sources = await sql<{ id: number }[]>`select id from sources where user_id = ${userId} order by id`;
  if (sources.length === 0) throw new Error("the bench user has no sources: run the import first");
  await sql`checkpoint`;
  const rows = sampleRows(perType, { userId, sourceIds: sources.map((s) => s.id), importId: "imp_benchwriter000000000", baseMs: BASE_MS });
  const started = performance.now();
  for (const batch of batches(rows, WRITER_BATCH)) await copyMergeSamples(sql, batch);
  return { ms: performance.now() - started, rows: rowCount(perType) };
}
