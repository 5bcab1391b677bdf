import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";
import { copyMergeSamples, type SampleRow } from "../../src/modules/ingest/samples-copy.repo.js";
import { COPY_COLUMNS, copyText } from "./sample-rows.js";

// Variants of the writer's database path, each applied batch by batch, to show what each part costs.

/** COPY into a temp staging table, then INSERT … ON CONFLICT DO NOTHING into `target` (copyMergeSamples' core). */
export async function stagedMerge(sql: Sql, rows: SampleRow[], target: string): Promise<void> {
  const text = [...copyText(rows)].join("");
  await sql.begin(async (tx) => {
    await tx`create temp table stage_samples (like samples) on commit drop`;
    const writable = await tx.unsafe(`copy stage_samples (${COPY_COLUMNS}) from stdin`).writable();
    await pipeline(Readable.from([text]), writable);
    await tx.unsafe(`insert into ${target} select * from stage_samples on conflict do nothing`);
  });
}

/** COPY straight into `target`: no staging, no conflict handling (not idempotent; a lower bound). */
export async function directCopy(sql: Sql, rows: SampleRow[], target: string): Promise<void> {
  const writable = await sql.unsafe(`copy ${target} (${COPY_COLUMNS}) from stdin`).writable();
  await pipeline(Readable.from(copyText(rows)), writable);
}

export interface WriteVariant {
  label: string;
  /** Reuse the first variant's rows: every row conflicts (a re-upload). */
  replay?: boolean;
  write(sql: Sql, rows: SampleRow[]): Promise<unknown>;
}

export const NO_FK_TABLE = "bench_samples_no_fk";
export const SOURCE_FK_TABLE = "bench_samples_source_fk";

export async function createVariantTables(sql: Sql): Promise<void> {
  // Same columns, primary key and date index as samples, but without its two foreign keys…
  await sql.unsafe(`create table if not exists ${NO_FK_TABLE} (like samples including defaults including indexes)`);
  // …or with only the one to sources (which itself cascades from users).
  await sql.unsafe(`create table if not exists ${SOURCE_FK_TABLE} (like samples including defaults including indexes)`);
  await sql.unsafe(`alter table ${SOURCE_FK_TABLE} add foreign key (source_id) references sources (id) on delete cascade`);
}

export const WRITE_VARIANTS: readonly WriteVariant[] = [
  { label: "copyMergeSamples as is (stage + merge + intake/body projections)", write: (sql, rows) => copyMergeSamples(sql, rows) },
  { label: "stage + INSERT … ON CONFLICT into samples only", write: (sql, rows) => stagedMerge(sql, rows, "samples") },
  { label: "stage + INSERT … ON CONFLICT, samples with the source FK only", write: (sql, rows) => stagedMerge(sql, rows, SOURCE_FK_TABLE) },
  { label: "stage + INSERT … ON CONFLICT, samples without its 2 FKs", write: (sql, rows) => stagedMerge(sql, rows, NO_FK_TABLE) },
  { label: "direct COPY into samples (FKs + indexes, no ON CONFLICT)", write: (sql, rows) => directCopy(sql, rows, "samples") },
  { label: "direct COPY into samples without FKs", write: (sql, rows) => directCopy(sql, rows, NO_FK_TABLE) },
  { label: "re-upload: copyMergeSamples, every row a conflict", replay: true, write: (sql, rows) => copyMergeSamples(sql, rows) },
];
