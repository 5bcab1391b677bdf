import { createInterface } from "node:readline";
import type { z } from "zod";
import { countBytes } from "../common/read-file.js";
import { inflatedBytesOf, openZipEntryStream } from "../common/zip.js";
import type { ArchiveEvent, HeartRatePoint, OpenOptions, ParsedSet, ParsedWorkout, Rejection, SourceRef } from "../contract.js";
import { ParseError } from "../contract.js";
import {
  dayConfirmationRow,
  dayStatusRow,
  firstIssue,
  intakeRow,
  sampleRow,
  sourceRow,
  userRow,
  weighInRow,
  workoutRow,
  workoutSetRow,
  workoutStreamRow,
} from "./archive-rows.js";
import { MANIFEST_ENTRY, MAX_MANIFEST_BYTES, type Manifest, readManifest } from "./manifest.js";

// The raw tables, in the order they are restored: who and where from first, then what each row refers to. Derived
// tables (daily_energy, hiit_*, weekly_projections) and the exporter's bookkeeping (imports, api_keys) are not read:
// the importing service recomputes the first from these rows, and the rest belong to the exporting account.
export const RESTORED_TABLES = [
  "users",
  "sources",
  "body_measurements",
  "intake_day_statuses",
  "day_confirmations",
  "intake_entries",
  "samples",
  "workouts",
  "workout_sets",
  "workout_streams",
] as const;
type Table = (typeof RESTORED_TABLES)[number];

// Sample-projected intake entries name their source by id: "sample:<source id>:<start ms>:<end ms>".
const SAMPLE_EXTERNAL_ID = /^sample:(\d+):(-?\d+):(-?\d+)$/;

interface Line {
  table: Table;
  n: number;
  text: string;
}

type Parsed<T> = { ok: true; row: T; where: string } | { ok: false; rejection: Rejection };

async function readEntryText(path: string, name: string, maxBytes: number): Promise<string | null> {
  const entry = await openZipEntryStream(path, (n) => n === name);
  if (entry === null) return null;
  if (entry.uncompressedBytes > maxBytes) {
    entry.stream.destroy();
    throw new ParseError("EXPORT_INVALID", `The export's ${name} is ${entry.uncompressedBytes} bytes, far more than a manifest holds.`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Streams an export: the manifest first (read from the zip's directory, wherever it sits), then table by table. */
export async function* parseWearsyncExport(path: string, opts: OpenOptions): AsyncGenerator<ArchiveEvent> {
  const manifestText = await readEntryText(path, MANIFEST_ENTRY, MAX_MANIFEST_BYTES);
  if (manifestText === null) throw new ParseError("EXPORT_INVALID", "The zip has no manifest.json: is it a wearsync export?");
  const manifest = readManifest(manifestText);
  const files = new Map<string, Table>(RESTORED_TABLES.map((t) => [manifest.tables[t]?.file ?? `${t}.ndjson`, t]));
  opts.onTotalBytes?.(await inflatedBytesOf(path, (name) => files.has(name)));
  const reader = new TableReader(path, manifest, opts.onBytes);
  yield { kind: "archive", exportedBy: manifest.user_id, exportedAtMs: manifest.exportedAtMs, version: manifest.version };

  for await (const p of reader.rows("users", userRow)) {
    if (!p.ok) throw new ParseError("EXPORT_INVALID", `The export's profile cannot be read (${p.rejection.reason}).`);
    if (p.row.id !== manifest.user_id)
      throw new ParseError("EXPORT_INVALID", "The export's profile belongs to another account than its manifest names.");
    const { sex, birth_date, height_cm, weight_kg, time_zone, hr_max_bpm, hr_rest_bpm, activity_level } = p.row;
    yield {
      kind: "profile",
      profile: {
        sex,
        birthDate: birth_date,
        heightCm: height_cm,
        weightKg: weight_kg,
        timeZone: time_zone,
        hrMaxBpm: hr_max_bpm,
        hrRestBpm: hr_rest_bpm,
        activityLevel: activity_level,
      },
    };
  }

  const sources = new Map<number, SourceRef>();
  for await (const p of reader.rows("sources", sourceRow)) {
    if (!p.ok) {
      yield { kind: "rejected", rejection: p.rejection };
      continue;
    }
    const source: SourceRef = { name: p.row.name, deviceType: p.row.device_type, device: p.row.device === "" ? null : p.row.device };
    sources.set(p.row.id, source);
    yield { kind: "source", source, priority: p.row.priority };
  }
  const sourceOf = (id: number | null) => (id === null ? null : (sources.get(id) ?? null));
  const unknownSource = (where: string, table: Table, id: number): ArchiveEvent => ({
    kind: "rejected",
    rejection: { where, reason: `it names source ${id}, which the export's sources do not list`, recordType: table },
  });

  for await (const p of reader.rows("body_measurements", weighInRow)) {
    if (!p.ok) yield { kind: "rejected", rejection: p.rejection };
    else {
      const r = p.row;
      yield {
        kind: "weigh-in",
        weighIn: {
          originalId: r.id,
          measuredAtMs: r.measured_at,
          utcOffsetMin: r.utc_offset_min,
          localDate: r.local_date,
          weightKg: r.weight_kg,
          bodyFatPct: r.body_fat_pct,
          outlierOverride: r.outlier_override,
          source: sourceOf(r.source_id),
        },
      };
    }
  }
  for await (const p of reader.rows("intake_day_statuses", dayStatusRow)) {
    yield p.ok ? { kind: "day-status", localDate: p.row.local_date, status: p.row.status } : { kind: "rejected", rejection: p.rejection };
  }
  for await (const p of reader.rows("day_confirmations", dayConfirmationRow)) {
    yield p.ok
      ? { kind: "day-confirmation", localDate: p.row.local_date, flags: p.row.flags, confirmedAtMs: p.row.confirmed_at }
      : { kind: "rejected", rejection: p.rejection };
  }
  for await (const p of reader.rows("intake_entries", intakeRow)) {
    if (!p.ok) {
      yield { kind: "rejected", rejection: p.rejection };
      continue;
    }
    const r = p.row;
    const key = r.external_id === null ? null : SAMPLE_EXTERNAL_ID.exec(r.external_id);
    const keySource = key ? sourceOf(Number(key[1])) : null;
    if (key && !keySource) {
      yield unknownSource(p.where, "intake_entries", Number(key[1]));
      continue;
    }
    yield {
      kind: "intake",
      intake: {
        originalId: r.id,
        consumedAtMs: r.consumed_at,
        utcOffsetMin: r.utc_offset_min,
        localDate: r.local_date,
        energyKcal: r.energy_kcal,
        name: r.name,
        meal: r.meal,
        proteinG: r.protein_g,
        carbsG: r.carbs_g,
        fatG: r.fat_g,
        externalId: r.external_id,
        fromSample: key && keySource ? { source: keySource, startMs: Number(key[2]), endMs: Number(key[3]) } : null,
        origin: r.origin,
        source: sourceOf(r.source_id),
      },
    };
  }
  for await (const p of reader.rows("samples", sampleRow)) {
    if (!p.ok) {
      yield { kind: "rejected", rejection: p.rejection };
      continue;
    }
    const r = p.row;
    const source = sources.get(r.source_id);
    if (!source) yield unknownSource(p.where, "samples", r.source_id);
    else
      yield {
        kind: "sample",
        sample: { type: r.type, startMs: r.start_at, endMs: r.end_at, utcOffsetMin: r.utc_offset_min, value: r.value, source },
      };
  }
  yield* workoutEvents(reader, sources);
  for (const reason of reader.shortfalls) yield { kind: "partial", reason };
}

/**
 * Workouts joined with their sets and streams. The export lists all three ordered by workout id (byte order), so
 * one pass over each file joins them with bounded memory; a child row out of that order has no parent to join.
 */
async function* workoutEvents(reader: TableReader, sources: Map<number, SourceRef>): AsyncGenerator<ArchiveEvent> {
  const sets = new Peekable(reader.rows("workout_sets", workoutSetRow));
  const streams = new Peekable(reader.rows("workout_streams", workoutStreamRow));
  try {
    for await (const p of reader.rows("workouts", workoutRow)) {
      if (!p.ok) {
        yield { kind: "rejected", rejection: p.rejection };
        continue;
      }
      const w = p.row;
      const childSets: ParsedSet[] = [];
      for await (const child of sets.takeUntil(w.id, (r) => r.workout_id)) {
        if (child.ok && child.row.workout_id === w.id) childSets.push(toSet(child.row));
        else yield orphan(child, "workout_sets");
      }
      const series: Record<"heart_rate" | "speed" | "power", { tMs: number; value: number }[]> = { heart_rate: [], speed: [], power: [] };
      for await (const child of streams.takeUntil(w.id, (r) => r.workout_id)) {
        if (child.ok && child.row.workout_id === w.id) {
          series[child.row.kind] = child.row.offsets_ms.map((offset, i) => ({ tMs: w.start_at + offset, value: child.row.values[i] ?? 0 }));
        } else yield orphan(child, "workout_streams");
      }
      const source = sources.get(w.source_id);
      if (!source) {
        yield {
          kind: "rejected",
          rejection: { where: p.where, reason: `it names source ${w.source_id}, which the export's sources do not list`, recordType: "workouts" },
        };
        continue;
      }
      const heartRate: HeartRatePoint[] = series.heart_rate.map((s) => ({ tMs: s.tMs, bpm: s.value }));
      const workout: ParsedWorkout = {
        externalId: w.external_id,
        activityType: w.activity_type,
        startMs: w.start_at,
        endMs: w.end_at,
        utcOffsetMin: w.utc_offset_min,
        durationSec: w.duration_s,
        activeEnergyKcal: w.active_energy_kcal,
        energyBasis: w.energy_basis,
        distanceM: w.distance_m,
        avgHrBpm: w.avg_hr_bpm,
        maxHrBpm: w.max_hr_bpm,
        provenance: {
          durationSec: w.duration_source ?? "device",
          activeEnergyKcal: w.energy_source,
          distanceM: w.distance_source,
          avgHrBpm: w.avg_hr_source,
          maxHrBpm: w.max_hr_source,
        },
        source,
        heartRate,
        speedMps: series.speed,
        powerW: series.power,
        pointsDropped: { heartRate: w.hr_points_dropped, speed: w.speed_points_dropped, power: w.power_points_dropped },
        sets: childSets,
        recordFormat: w.record_format ?? w.import_format ?? null,
      };
      yield { kind: "workout", workout, where: p.where };
    }
    // Children whose workout never came.
    for await (const child of sets.rest()) yield orphan(child, "workout_sets");
    for await (const child of streams.rest()) yield orphan(child, "workout_streams");
  } finally {
    await sets.close();
    await streams.close();
  }
}

function toSet(r: z.output<typeof workoutSetRow>): ParsedSet {
  return {
    exercise: r.exercise,
    metClass: r.met_class,
    reps: r.reps,
    weightKg: r.weight_kg,
    durationS: r.duration_s,
    rpe: r.rpe,
    startOffsetS: r.start_offset_s,
  };
}

function orphan<T>(child: Parsed<T>, table: Table): ArchiveEvent {
  if (!child.ok) return { kind: "rejected", rejection: child.rejection };
  return {
    kind: "rejected",
    rejection: { where: child.where, reason: "its workout is not in the export (or the file is not ordered by workout id)", recordType: table },
  };
}

/** Reads one table's NDJSON lines, each parsed on its own: a bad line is a rejection, not a failed import. */
class TableReader {
  private bytesBefore = 0;
  /** Tables whose file held fewer or more rows than the manifest says (a damaged or edited archive). */
  readonly shortfalls: string[] = [];

  constructor(
    private readonly path: string,
    private readonly manifest: Manifest,
    private readonly onBytes: (bytes: number) => void,
  ) {}

  async *rows<S extends z.ZodTypeAny>(table: Table, schema: S): AsyncGenerator<Parsed<z.output<S>>> {
    for await (const line of this.lines(table)) {
      const where = `${table}.ndjson line ${line.n}`;
      let json: unknown;
      try {
        json = JSON.parse(line.text);
      } catch {
        yield { ok: false, rejection: { where, reason: "the line is not valid JSON", recordType: table } };
        continue;
      }
      const parsed = schema.safeParse(json);
      yield parsed.success
        ? { ok: true, row: parsed.data as z.output<S>, where }
        : { ok: false, rejection: { where, reason: firstIssue(parsed.error), recordType: table } };
    }
  }

  private async *lines(table: Table): AsyncGenerator<Line> {
    const listed = this.manifest.tables[table];
    const file = listed?.file ?? `${table}.ndjson`;
    const entry = await openZipEntryStream(this.path, (name) => name === file);
    if (entry === null) {
      if ((listed?.rows ?? 0) > 0) this.shortfalls.push(`${file} is missing though the manifest lists ${listed?.rows} rows`);
      return;
    }
    const before = this.bytesBefore;
    this.bytesBefore += entry.uncompressedBytes;
    const input = createInterface({ input: countBytes(entry.stream, (bytes) => this.onBytes(before + bytes)), crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    let rows = 0;
    try {
      for await (const text of input) {
        n++;
        if (text.trim() === "") continue;
        rows++;
        yield { table, n, text };
      }
    } finally {
      input.close();
      entry.stream.destroy();
    }
    if (listed !== undefined && rows !== listed.rows) this.shortfalls.push(`${file} holds ${rows} rows where the manifest lists ${listed.rows}`);
  }
}

/** An async iterator one can look ahead in: children are taken while their parent key sorts at or before a parent's. */
class Peekable<T> {
  private head: IteratorResult<Parsed<T>> | null = null;

  constructor(private readonly source: AsyncGenerator<Parsed<T>>) {}

  private async peek(): Promise<IteratorResult<Parsed<T>>> {
    this.head ??= await this.source.next();
    return this.head;
  }

  /** Rows whose key is ≤ `key` (bad lines are taken as they come: they have no key). */
  async *takeUntil(key: string, keyOf: (row: T) => string): AsyncGenerator<Parsed<T>> {
    for (;;) {
      const next = await this.peek();
      if (next.done) return;
      if (next.value.ok && keyOf(next.value.row) > key) return;
      this.head = null;
      yield next.value;
    }
  }

  async *rest(): AsyncGenerator<Parsed<T>> {
    for (;;) {
      const next = await this.peek();
      if (next.done) return;
      this.head = null;
      yield next.value;
    }
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}
