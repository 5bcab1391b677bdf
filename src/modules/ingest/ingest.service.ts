import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { ParsedSample, ParsedWorkout, SourceRef } from "../../formats/index.js";
import { ZoneCache } from "../../lib/zone.js";
import { copyMergeSamples, type SampleRow } from "./samples-copy.repo.js";
import { ensureSources, sourceKey } from "./sources.repo.js";
import { writeWorkout } from "./workouts-write.repo.js";

export interface IngestContext {
  userId: string;
  importId: string | null;
  timeZone: string;
  nowMs: number;
}

export interface Batch {
  samples: ParsedSample[];
  workouts: ParsedWorkout[];
}

export interface PreparedBatch {
  rows: SampleRow[];
  workouts: ParsedWorkout[];
  localDates: Set<string>;
}

/** What a written batch touched: the local dates to recompute and the workouts created. */
export interface BatchEffects {
  localDates: Set<string>;
  workoutIds: string[];
  insertedSamples: number;
  insertedWorkouts: number;
}

/**
 * Writes normalized samples and workouts for one user: sources resolved once and cached, samples through
 * COPY + merge, workouts upserted one by one (they are few). Safe to call again with the same batch.
 */
export class IngestWriter {
  private readonly sourceIds = new Map<string, number>();
  // Parsers hand out one object per source (Apple's are shared and frozen): by identity, a sample's source id costs
  // no key string and no string hashing, which per sample was a measurable part of preparing a batch.
  private readonly idByRef = new WeakMap<SourceRef, number>();
  private readonly time: ZoneCache;

  constructor(
    private readonly deps: Deps,
    private readonly ctx: IngestContext,
  ) {
    this.time = new ZoneCache(ctx.timeZone);
  }

  async write(batch: Batch): Promise<BatchEffects> {
    return this.commit(await this.prepare(batch));
  }

  /**
   * The CPU half of a write (sources resolved, rows and their local dates built), split from `commit` so a caller
   * can prepare the next batch while the previous one is still being written.
   */
  async prepare(batch: Batch): Promise<PreparedBatch> {
    await this.resolveSources([...batch.samples.map((s) => s.source), ...batch.workouts.map((w) => w.source)]);
    const localDates = new Set<string>();
    const rows: SampleRow[] = batch.samples.map((s) => {
      const utcOffsetMin = this.time.resolveOffsetMin(s.startMs, s.utcOffsetMin);
      const localDate = this.time.dateAt(s.startMs, utcOffsetMin);
      this.addDays(localDates, s.startMs, s.endMs, utcOffsetMin);
      return {
        userId: this.ctx.userId,
        type: s.type,
        sourceId: this.sourceIdOf(s.source),
        startMs: s.startMs,
        endMs: s.endMs,
        utcOffsetMin,
        localDate,
        value: s.value,
        importId: this.ctx.importId,
      };
    });
    return { rows, workouts: batch.workouts, localDates };
  }

  async commit(prepared: PreparedBatch): Promise<BatchEffects> {
    const { rows, localDates } = prepared;
    const insertedSamples = await copyMergeSamples(this.deps.sql, rows);
    const workoutIds: string[] = [];
    let insertedWorkouts = 0;
    for (const w of prepared.workouts) {
      const utcOffsetMin = this.time.resolveOffsetMin(w.startMs, w.utcOffsetMin);
      const localDate = this.time.dateAt(w.startMs, utcOffsetMin);
      this.addDays(localDates, w.startMs, w.endMs, utcOffsetMin);
      const row = await withTransaction(this.deps.db, (tx) =>
        writeWorkout(tx, w, {
          userId: this.ctx.userId,
          importId: this.ctx.importId,
          sourceId: this.sourceIdOf(w.source),
          utcOffsetMin,
          localDate,
          nowMs: this.ctx.nowMs,
        }),
      );
      workoutIds.push(row.id);
      if (row.created) insertedWorkouts++;
    }
    return { localDates, workoutIds, insertedSamples, insertedWorkouts };
  }

  /**
   * The local days a record is booked on (docs/science.md §1): those of its own offset, including the next one when
   * it crosses midnight; and the profile zone's, which a record at the zone's offset follows across DST changes.
   */
  private addDays(dates: Set<string>, startMs: number, endMs: number, utcOffsetMin: number): void {
    const lastMs = endMs > startMs ? endMs - 1 : startMs;
    dates.add(this.time.dateAt(startMs, utcOffsetMin));
    dates.add(this.time.dateAt(lastMs, utcOffsetMin));
    dates.add(this.time.zoneDateAt(startMs));
    dates.add(this.time.zoneDateAt(lastMs));
  }

  private async resolveSources(refs: SourceRef[]): Promise<void> {
    const missing = refs.filter((ref) => !this.idByRef.has(ref) && !this.sourceIds.has(sourceKey(ref)));
    if (missing.length === 0) return;
    const ids = await ensureSources(this.deps.db, this.ctx.userId, missing);
    for (const [key, id] of ids) this.sourceIds.set(key, id);
  }

  private sourceIdOf(ref: SourceRef): number {
    const known = this.idByRef.get(ref);
    if (known !== undefined) return known;
    const id = this.sourceIds.get(sourceKey(ref));
    if (id === undefined) throw new Error("source was not resolved before writing");
    this.idByRef.set(ref, id);
    return id;
  }
}
