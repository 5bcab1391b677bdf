import { createHash } from "node:crypto";
import type { Deps } from "../../deps.js";
import type { ArchivedIntake, ArchivedWeighIn, ArchiveEvent, ParsedSample, ParsedWorkout, SourceRef } from "../../formats/index.js";
import { copyInsertRestored, type RestoredTable, restoreSourcePriorities } from "./archive-rows.repo.js";
import { IngestWriter } from "./ingest.service.js";
import { ensureSources, sourceKey } from "./sources.repo.js";

// Same batch sizes as the other imports: samples amortize COPY, workouts are written with their streams.
const SAMPLES_PER_BATCH = 50_000;
const WORKOUTS_PER_BATCH = 50;
const ROWS_PER_BATCH = 5_000;

export interface RestoreContext {
  userId: string;
  importId: string;
  timeZone: string;
  nowMs: number;
  /** The export came from this same account: its row ids are the user's own and are kept (a restore). */
  sameAccount: boolean;
}

type Cell = string | number | boolean | null | readonly string[];
type RowKind = RestoredTable | "records";

/**
 * Writes a wearsync export's rows for the importing user. Every id of the export is replaced: sources are found or
 * created by name and device (with the export's priority where the user has none), rows get ids derived from the
 * importing user and the exported id (so a re-import collides with them and adds nothing), samples and workouts go
 * through the write path every import uses. Nothing is written under the exporter's user id.
 */
export class ArchiveRestorer {
  readonly localDates = new Set<string>();
  readonly workoutIds: string[] = [];
  /** Rows that were new, per table restored here (samples, workouts and intake are counted from the tables). */
  readonly inserted = new Map<string, number>();
  private readonly sourceIds = new Map<string, number>();
  private pendingSources: { source: SourceRef; priority: number | null }[] = [];
  private pending: { kind: RowKind; rows: Cell[][] } = { kind: "records", rows: [] };
  private records: { samples: ParsedSample[]; workouts: ParsedWorkout[] } = { samples: [], workouts: [] };
  private writer: IngestWriter;

  constructor(
    private readonly deps: Deps,
    private ctx: RestoreContext,
  ) {
    this.writer = new IngestWriter(deps, ctx);
  }

  /** The profile's zone may have been taken from the export: records without an offset follow it. */
  useTimeZone(timeZone: string): void {
    this.ctx = { ...this.ctx, timeZone };
    this.writer = new IngestWriter(this.deps, this.ctx);
  }

  async take(event: ArchiveEvent): Promise<void> {
    switch (event.kind) {
      case "source":
        this.pendingSources.push({ source: event.source, priority: event.priority });
        return;
      case "intake":
        return this.queueRow("intake_entries", await this.intakeCells(event.intake), event.intake.localDate);
      case "weigh-in":
        return this.queueRow("body_measurements", await this.weighInCells(event.weighIn), event.weighIn.localDate);
      case "day-status":
        return this.queueRow("intake_day_statuses", [this.ctx.userId, event.localDate, event.status], event.localDate);
      case "day-confirmation":
        return this.queueRow(
          "day_confirmations",
          [this.ctx.userId, event.localDate, event.flags, new Date(event.confirmedAtMs).toISOString()],
          event.localDate,
        );
      case "sample":
        await this.switchTo("records");
        this.records.samples.push(event.sample);
        if (this.records.samples.length >= SAMPLES_PER_BATCH) await this.flushRecords();
        return;
      case "workout":
        await this.switchTo("records");
        this.records.workouts.push(event.workout);
        if (this.records.workouts.length >= WORKOUTS_PER_BATCH) await this.flushRecords();
        return;
      default:
        return;
    }
  }

  async finish(): Promise<void> {
    await this.flushRows();
    await this.flushRecords();
    await this.flushSources();
  }

  private async queueRow(kind: RestoredTable, cells: Cell[], localDate: string): Promise<void> {
    await this.switchTo(kind);
    this.pending.rows.push(cells);
    this.localDates.add(localDate);
    if (this.pending.rows.length >= ROWS_PER_BATCH) await this.flushRows();
  }

  /** Tables are restored in the export's order; a table's rows are written before the next table's are read on. */
  private async switchTo(kind: RowKind): Promise<void> {
    await this.flushSources();
    if (this.pending.kind === kind) return;
    await this.flushRows();
    if (kind !== "records") await this.flushRecords();
    this.pending = { kind, rows: [] };
  }

  private async flushRows(): Promise<void> {
    const { kind, rows } = this.pending;
    if (kind === "records" || rows.length === 0) return;
    this.pending = { kind, rows: [] };
    const n = await copyInsertRestored(this.deps.sql, kind, rows);
    this.inserted.set(kind, (this.inserted.get(kind) ?? 0) + n);
  }

  private async flushRecords(): Promise<void> {
    const batch = this.records;
    if (batch.samples.length === 0 && batch.workouts.length === 0) return;
    this.records = { samples: [], workouts: [] };
    const written = await this.writer.write(batch);
    for (const d of written.localDates) this.localDates.add(d);
    this.workoutIds.push(...written.workoutIds);
  }

  private async flushSources(): Promise<void> {
    if (this.pendingSources.length === 0) return;
    const list = this.pendingSources;
    this.pendingSources = [];
    const ids = await ensureSources(
      this.deps.db,
      this.ctx.userId,
      list.map((s) => s.source),
    );
    for (const [key, id] of ids) this.sourceIds.set(key, id);
    const priorities = list.flatMap((s) => {
      const sourceId = ids.get(sourceKey(s.source));
      return s.priority === null || sourceId === undefined ? [] : [{ sourceId, priority: s.priority }];
    });
    await restoreSourcePriorities(this.deps.sql, this.ctx.userId, priorities);
  }

  private async sourceIdOf(source: SourceRef | null): Promise<number | null> {
    if (source === null) return null;
    const key = sourceKey(source);
    if (!this.sourceIds.has(key)) {
      const ids = await ensureSources(this.deps.db, this.ctx.userId, [source]);
      for (const [k, id] of ids) this.sourceIds.set(k, id);
    }
    return this.sourceIds.get(key) ?? null;
  }

  /** The exported id for a restore into the same account; otherwise one derived from this user and that id. */
  private rowId(prefix: "int" | "bdy", originalId: string): string {
    if (this.ctx.sameAccount) return originalId;
    return `${prefix}_${createHash("sha256").update(`${this.ctx.userId}\u0000${originalId}`).digest("hex").slice(0, 26)}`;
  }

  private async intakeCells(e: ArchivedIntake): Promise<Cell[]> {
    // An entry projected from a dietary-energy sample is keyed by its source's id: the importing user's id now, so
    // the sample restored later collides with this entry instead of adding a second one.
    let externalId = e.externalId;
    if (e.fromSample) externalId = `sample:${await this.sourceIdOf(e.fromSample.source)}:${e.fromSample.startMs}:${e.fromSample.endMs}`;
    return [
      this.rowId("int", e.originalId),
      this.ctx.userId,
      new Date(e.consumedAtMs).toISOString(),
      e.utcOffsetMin,
      e.localDate,
      e.energyKcal,
      e.name,
      e.meal,
      e.proteinG,
      e.carbsG,
      e.fatG,
      externalId,
      e.origin,
      await this.sourceIdOf(e.source),
      this.ctx.importId,
    ];
  }

  private async weighInCells(w: ArchivedWeighIn): Promise<Cell[]> {
    return [
      this.rowId("bdy", w.originalId),
      this.ctx.userId,
      new Date(w.measuredAtMs).toISOString(),
      w.utcOffsetMin,
      w.localDate,
      w.weightKg,
      w.bodyFatPct,
      w.outlierOverride,
      await this.sourceIdOf(w.source),
      this.ctx.importId,
    ];
  }
}
