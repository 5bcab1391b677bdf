import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { parseAppleDate } from "./dates.js";
import { SLEEP_ANALYSIS, sleepRecordToEvent } from "./sleep.js";
import { toSourceRef } from "./source.js";
import { parseDecimal, toCanonicalUnit } from "./units.js";

const SAMPLE_TYPE_BY_HK_TYPE = new Map<string, SampleType>([
  ["HKQuantityTypeIdentifierStepCount", "steps"],
  ["HKQuantityTypeIdentifierActiveEnergyBurned", "active_energy"],
  ["HKQuantityTypeIdentifierBasalEnergyBurned", "basal_energy"],
  ["HKQuantityTypeIdentifierHeartRate", "heart_rate"],
  ["HKQuantityTypeIdentifierRestingHeartRate", "resting_heart_rate"],
  ["HKQuantityTypeIdentifierDietaryEnergyConsumed", "dietary_energy"],
  ["HKQuantityTypeIdentifierBodyMass", "body_mass"],
  ["HKQuantityTypeIdentifierBodyFatPercentage", "body_fat_percentage"],
  ["HKQuantityTypeIdentifierDistanceWalkingRunning", "distance"],
]);

export interface AppleRecord {
  attributes: Record<string, string>;
  /** Line of the opening tag, for rejections. */
  line: number;
  /** HKWasUserEntered metadata = 1: typed in by hand, not measured. */
  userEntered: boolean;
}

export interface RecordContext {
  nowMs: number;
  defaultUtcOffsetMin: number | null;
}

/** True when the HealthKit type is one we import; every other type is counted as skipped by the reader. */
export function isImportedRecordType(hkType: string | undefined): boolean {
  return hkType !== undefined && (SAMPLE_TYPE_BY_HK_TYPE.has(hkType) || hkType === SLEEP_ANALYSIS);
}

function reject(record: AppleRecord, recordType: string, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where: `line ${record.line}`, reason, recordType } };
}

/** Turns one top-level <Record> into a sample, a rejection, or null when its type is not imported. */
export function recordToEvent(record: AppleRecord, ctx: RecordContext): ParseEvent | null {
  const { attributes } = record;
  const hkType = attributes.type ?? "";
  if (hkType === SLEEP_ANALYSIS) return sleepRecordToEvent(record, ctx);
  const type = SAMPLE_TYPE_BY_HK_TYPE.get(hkType);
  if (type === undefined) return null;
  const start = parseAppleDate(attributes.startDate, ctx.defaultUtcOffsetMin);
  const end = parseAppleDate(attributes.endDate, ctx.defaultUtcOffsetMin);
  if (start === null || end === null) {
    return reject(record, hkType, `invalid startDate "${attributes.startDate}" or endDate "${attributes.endDate}"`);
  }
  const raw = parseDecimal(attributes.value);
  if (Number.isNaN(raw)) return reject(record, hkType, `value "${attributes.value ?? ""}" is not a number`);
  const value = toCanonicalUnit(type, raw, attributes.unit);
  if (value === null) return reject(record, hkType, `unknown unit "${attributes.unit ?? ""}" for ${type}`);
  const problem = implausibility(type, value, start.epochMs, end.epochMs, ctx.nowMs);
  if (problem !== null) return reject(record, hkType, problem);
  const source = toSourceRef(attributes.sourceName, attributes.device, record.userEntered);
  return {
    kind: "sample",
    sample: { type, startMs: start.epochMs, endMs: end.epochMs, utcOffsetMin: start.utcOffsetMin, value, source },
  };
}
