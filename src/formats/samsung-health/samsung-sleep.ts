// Samsung Health sleep: `com.samsung.shealth.sleep` holds one row per session (start_time/end_time UTC, time_offset,
// datauuid) and `com.samsung.health.sleep_stage` one row per stage segment, linked to its session by `sleep_id`.
// A staged session counts through its stages; a session without any (older watches, the phone) counts as asleep.
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import { type SamsungRow, samsungInstant, samsungOffsetMin } from "./samsung-csv.js";

export const SAMSUNG_SLEEP = "com.samsung.shealth.sleep";
export const SAMSUNG_SLEEP_STAGE = "com.samsung.health.sleep_stage";

// Samsung Health SDK HealthConstants.SleepStage: STAGE_AWAKE 40001, STAGE_LIGHT 40002, STAGE_DEEP 40003, STAGE_REM 40004.
// Light sleep is stored as core, the stage Apple and Health Connect give the same N1+N2 sleep.
const STAGE_BY_CODE = new Map<string, SleepStageType>([
  ["40001", "sleep_awake"],
  ["40002", "sleep_core"],
  ["40003", "sleep_deep"],
  ["40004", "sleep_rem"],
]);

const MS_PER_MIN = 60_000;

export interface SamsungSleepContext {
  nowMs: number;
  source: SourceRef;
}

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function span(row: SamsungRow): { startMs: number; endMs: number; utcOffsetMin: number | null } | null {
  const startMs = samsungInstant(row.get("start_time"));
  const endMs = samsungInstant(row.get("end_time"));
  if (startMs === null || endMs === null || endMs <= startMs) return null;
  return { startMs, endMs, utcOffsetMin: samsungOffsetMin(row.get("time_offset")) };
}

function segment(type: SleepStageType, row: SamsungRow, recordType: string, ctx: SamsungSleepContext): ParseEvent {
  const where = `line ${row.line}`;
  const times = span(row);
  if (times === null)
    return rejected(
      where,
      "The row's start_time/end_time are not an interval of Samsung's \"YYYY-MM-DD HH:MM:SS.sss\"; it was not imported.",
      recordType,
    );
  const value = (times.endMs - times.startMs) / MS_PER_MIN;
  const problem = implausibility(type, value, times.startMs, times.endMs, ctx.nowMs);
  if (problem) return rejected(where, `The sleep record was not imported: ${problem}.`, recordType);
  return { kind: "sample", sample: { type, value, ...times, source: ctx.source } };
}

/** Stage segments as sleep samples; returns the sessions (sleep_id) they belong to. */
export async function* sleepStageEvents(rows: AsyncIterable<SamsungRow>, ctx: SamsungSleepContext): AsyncGenerator<ParseEvent, Set<string>> {
  const staged = new Set<string>();
  for await (const row of rows) {
    const code = row.get("stage");
    const type = STAGE_BY_CODE.get(code);
    if (type === undefined) {
      yield rejected(
        `line ${row.line}`,
        `The stage "${code.slice(0, 16)}" is not one of Samsung's 40001-40004; it was not imported.`,
        SAMSUNG_SLEEP_STAGE,
      );
      continue;
    }
    const event = segment(type, row, SAMSUNG_SLEEP_STAGE, ctx);
    if (event.kind === "sample" && row.get("sleep_id") !== "") staged.add(row.get("sleep_id"));
    yield event;
  }
  return staged;
}

/** Sessions whose datauuid has no stage in `staged` become one unspecified-asleep sample over their span. */
export async function* sleepSessionEvents(
  rows: AsyncIterable<SamsungRow>,
  staged: ReadonlySet<string>,
  ctx: SamsungSleepContext,
): AsyncGenerator<ParseEvent> {
  for await (const row of rows) {
    if (staged.has(row.get("datauuid"))) continue;
    yield segment("sleep_asleep", row, SAMSUNG_SLEEP, ctx);
  }
}
