import type { SampleRow } from "../../src/modules/ingest/samples-copy.repo.js";
import { Prng } from "./prng.js";

export const COPY_COLUMNS = "user_id, type, source_id, start_at, end_at, utc_offset_min, local_date, value, import_id";
const MS_PER_MIN = 60_000;

/**
 * Rows shaped like an import's (grouped by type, spread over the sources, in time order): `perType[type]` rows of
 * each type, one minute apart from `baseMs`, so they are unique and never collide with generated exports (≤ 2025).
 */
export function* sampleRows(
  perType: Readonly<Record<string, number>>,
  ctx: { userId: string; sourceIds: readonly number[]; importId: string; baseMs: number },
): Generator<SampleRow> {
  const rng = new Prng(7);
  for (const [type, count] of Object.entries(perType)) {
    for (let i = 0; i < count; i++) {
      const startMs = ctx.baseMs + i * MS_PER_MIN;
      yield {
        userId: ctx.userId,
        type,
        sourceId: ctx.sourceIds[Math.floor((i * ctx.sourceIds.length) / count)] ?? 1,
        startMs,
        endMs: startMs + rng.int(0, 600) * 1000,
        utcOffsetMin: -480,
        localDate: new Date(startMs - 480 * MS_PER_MIN).toISOString().slice(0, 10),
        value: rng.float(0, 200),
        importId: ctx.importId,
      };
    }
  }
}

/** COPY text exactly as the writer formats it (copy-samples.ts). */
export function copyLine(r: SampleRow): string {
  return `${r.userId}\t${r.type}\t${r.sourceId}\t${new Date(r.startMs).toISOString()}\t${new Date(r.endMs).toISOString()}\t${r.utcOffsetMin}\t${r.localDate}\t${r.value}\t${r.importId ?? "\\N"}\n`;
}

export function* copyText(rows: Iterable<SampleRow>, linesPerChunk = 5_000): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(copyLine(row));
    if (lines.length >= linesPerChunk) {
      yield lines.join("");
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join("");
}

/** Splits rows into arrays of `size` (the writer's batches). */
export function* batches<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export const rowCount = (perType: Readonly<Record<string, number>>): number => Object.values(perType).reduce((a, b) => a + b, 0);
