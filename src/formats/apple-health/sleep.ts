// HKCategoryTypeIdentifierSleepAnalysis: a category record whose `value` names the stage; its minutes are its span.
// Every iOS generation's spelling is read: the enum names exports write, and the raw integers some tools write.
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { parseAppleDate } from "./dates.js";
import { toSourceRef } from "./source.js";

export const SLEEP_ANALYSIS = "HKCategoryTypeIdentifierSleepAnalysis";

// HKCategoryValueSleepAnalysis: iOS 8 InBed(0)/Asleep(1), iOS 10 adds Awake(2), iOS 16 renames Asleep to
// AsleepUnspecified (still 1) and adds AsleepCore(3), AsleepDeep(4), AsleepREM(5) (Apple HealthKit documentation).
const STAGE_BY_VALUE = new Map<string, SleepStageType>([
  ["HKCategoryValueSleepAnalysisInBed", "sleep_in_bed"],
  ["HKCategoryValueSleepAnalysisAsleep", "sleep_asleep"],
  ["HKCategoryValueSleepAnalysisAsleepUnspecified", "sleep_asleep"],
  ["HKCategoryValueSleepAnalysisAwake", "sleep_awake"],
  ["HKCategoryValueSleepAnalysisAsleepCore", "sleep_core"],
  ["HKCategoryValueSleepAnalysisAsleepDeep", "sleep_deep"],
  ["HKCategoryValueSleepAnalysisAsleepREM", "sleep_rem"],
  ["0", "sleep_in_bed"],
  ["1", "sleep_asleep"],
  ["2", "sleep_awake"],
  ["3", "sleep_core"],
  ["4", "sleep_deep"],
  ["5", "sleep_rem"],
]);

const MS_PER_MIN = 60_000;

// The shapes of records.ts, restated so the two files do not import each other.
interface AppleRecord {
  attributes: Record<string, string>;
  line: number;
  userEntered: boolean;
}
interface RecordContext {
  nowMs: number;
  defaultUtcOffsetMin: number | null;
}

function reject(record: AppleRecord, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where: `line ${record.line}`, reason, recordType: SLEEP_ANALYSIS } };
}

/** One sleep record → one sleep-stage sample whose value is its minutes, or a rejection naming what is wrong. */
export function sleepRecordToEvent(record: AppleRecord, ctx: RecordContext): ParseEvent {
  const { attributes } = record;
  const type = STAGE_BY_VALUE.get((attributes.value ?? "").trim());
  if (type === undefined) return reject(record, `sleep value "${(attributes.value ?? "").slice(0, 64)}" is not a known sleep stage`);
  const start = parseAppleDate(attributes.startDate, ctx.defaultUtcOffsetMin);
  const end = parseAppleDate(attributes.endDate, ctx.defaultUtcOffsetMin);
  if (start === null || end === null) {
    return reject(record, `invalid startDate "${attributes.startDate}" or endDate "${attributes.endDate}"`);
  }
  const minutes = (end.epochMs - start.epochMs) / MS_PER_MIN;
  const problem = implausibility(type, minutes, start.epochMs, end.epochMs, ctx.nowMs);
  if (problem !== null) return reject(record, problem);
  const source = toSourceRef(attributes.sourceName, attributes.device, record.userEntered);
  return {
    kind: "sample",
    sample: { type, startMs: start.epochMs, endMs: end.epochMs, utcOffsetMin: start.utcOffsetMin, value: minutes, source },
  };
}
