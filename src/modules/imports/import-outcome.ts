import type { RecordTypeCounts, RejectedRecord } from "../../db/schema/index.js";
import type { ParseEvent } from "../../formats/index.js";

/** Reports keep the first rejections only: enough to act on, bounded for a file with millions of bad rows. */
export const MAX_REPORTED_REJECTIONS = 100;
/** Distinct skipped record types kept by name; further types add up under "other" (bounds hostile files). */
export const MAX_SKIPPED_TYPES = 500;

/** What one run of an import ended in (a skipped run found its work already done or superseded). */
export type ImportRunResult =
  | { status: "completed"; localDates: string[]; workoutIds: string[] }
  | { status: "failed"; code: string }
  | { status: "skipped" };

/** Tallies what the parser produced; "inserted" is filled from the database at the end (retry-proof). */
export class ImportTally {
  readonly parsedByType = new Map<string, number>();
  readonly rejectedByType = new Map<string, number>();
  readonly rejections: RejectedRecord[] = [];
  /** Records of types not read yet, per type: never dropped silently. */
  readonly skipped = new Map<string, number>();
  partialReason: string | null = null;
  records = 0;
  /** The earliest start and latest end of everything the file held: which other imports can share its rows. */
  span: { startMs: number; endMs: number } | null = null;

  observe(event: ParseEvent): void {
    if (event.kind === "skipped") {
      this.records += event.count;
      this.addSkipped(event.recordType, event.count);
      return;
    }
    this.records++;
    if (event.kind === "sample") {
      bump(this.parsedByType, event.sample.type);
      this.widen(event.sample.startMs, event.sample.endMs);
    } else if (event.kind === "workout") {
      bump(this.parsedByType, "workout");
      this.widen(event.workout.startMs, event.workout.endMs);
    } else if (event.kind === "rejected") {
      bump(this.rejectedByType, event.rejection.recordType);
      if (this.rejections.length < MAX_REPORTED_REJECTIONS) {
        const { where, reason, recordType } = event.rejection;
        this.rejections.push({ where, reason, record_type: recordType });
      }
    } else this.partialReason = event.reason;
  }

  addSkipped(recordType: string, count: number): void {
    const key = this.skipped.has(recordType) || this.skipped.size < MAX_SKIPPED_TYPES ? recordType : "other";
    this.skipped.set(key, (this.skipped.get(key) ?? 0) + count);
  }

  /** True when the file yielded at least one sample or workout (stored or already there). */
  get hasData(): boolean {
    return this.parsedByType.size > 0;
  }

  skippedByType(): Record<string, number> {
    return Object.fromEntries([...this.skipped].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Widens the span to take in a record that is not a sample or a workout (restored intake, weigh-ins). */
  widen(startMs: number, endMs: number): void {
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return;
    const span = this.span;
    this.span = span
      ? { startMs: Math.min(span.startMs, startMs), endMs: Math.max(span.endMs, endMs) }
      : { startMs, endMs: Math.max(startMs, endMs) };
  }

  counts(insertedByType: Map<string, number>): Record<string, RecordTypeCounts> {
    const types = new Set([...this.parsedByType.keys(), ...this.rejectedByType.keys()]);
    const result: Record<string, RecordTypeCounts> = {};
    for (const type of [...types].sort()) {
      const parsed = this.parsedByType.get(type) ?? 0;
      const inserted = Math.min(insertedByType.get(type) ?? 0, parsed);
      result[type] = { parsed, inserted, duplicate: parsed - inserted, rejected: this.rejectedByType.get(type) ?? 0 };
    }
    return result;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
