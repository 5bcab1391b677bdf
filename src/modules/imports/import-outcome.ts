import type { RecordTypeCounts, RejectedRecord } from "../../db/schema/index.js";
import type { ParseEvent } from "../ingest/parsers/types.js";

/** Reports keep the first rejections only: enough to act on, bounded for a file with millions of bad rows. */
export const MAX_REPORTED_REJECTIONS = 100;

/** Tallies what the parser produced; "inserted" is filled from the database at the end (retry-proof). */
export class ImportTally {
  readonly parsedByType = new Map<string, number>();
  readonly rejectedByType = new Map<string, number>();
  readonly rejections: RejectedRecord[] = [];
  partialReason: string | null = null;
  records = 0;
  /** The earliest start and latest end of everything the file held: which other imports can share its rows. */
  span: { startMs: number; endMs: number } | null = null;

  observe(event: ParseEvent): void {
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

  private widen(startMs: number, endMs: number): void {
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
