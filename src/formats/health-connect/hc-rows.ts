// Small helpers shared by the Health Connect readers: typed cells, zone offsets, and checked sample events.

import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParseEvent, SourceRef } from "../contract.js";

export type HcRow = Record<string, unknown>;

/** A numeric cell (SQLite INTEGER or REAL), or null when empty or not a finite number. */
export function num(row: HcRow, column: string): number | null {
  const value = row[column];
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  return null;
}

/** Health Connect stores zone offsets in seconds east of UTC; wearsync keeps minutes. */
export function offsetMinOf(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 60);
}

/** The record's UUID blob as 32 lower-case hex digits, or null when the row has none. */
export function uuidHex(row: HcRow): string | null {
  const value = row.uuid;
  return Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString("hex") : null;
}

export function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

export interface SampleInput {
  type: SampleType;
  value: number;
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
  source: SourceRef;
}

/** A sample event, or the rejection saying why its value or time is impossible. */
export function checkedSample(input: SampleInput, where: string, nowMs: number): ParseEvent {
  const problem = implausibility(input.type, input.value, input.startMs, input.endMs, nowMs);
  if (problem) return rejected(where, `The value was not imported: ${problem}.`, input.type);
  return { kind: "sample", sample: input };
}
