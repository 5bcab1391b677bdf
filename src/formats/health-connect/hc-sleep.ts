// Sleep sessions and their stages (sleep_session_record_table; sleep_stages_table: parent_key → row_id,
// stage_start_time, stage_end_time, stage_type) as sleep-stage samples whose value is the stage's minutes. A session
// is time in bed; its stages say how it was spent (SleepSessionRecord.StageType). A session without stages is
// asleep throughout, as Health Connect itself counts it.

import type { SleepStageType } from "../../lib/vocabulary.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import { checkedSample, type HcRow, num, offsetMinOf, rejected } from "./hc-rows.js";
import type { HcContext } from "./hc-samples.js";
import { SLEEP_SESSION_TABLE, SLEEP_STAGE_CODES, SLEEP_STAGES_TABLE } from "./hc-schema.js";

const MS_PER_MIN = 60_000;

// Light sleep is what Apple calls core; an unknown stage inside a session is time in bed, never counted as sleep.
const STAGE_TYPES: ReadonlyMap<number, SleepStageType> = new Map([
  [SLEEP_STAGE_CODES.unknown, "sleep_in_bed"],
  [SLEEP_STAGE_CODES.awake, "sleep_awake"],
  [SLEEP_STAGE_CODES.sleeping, "sleep_asleep"],
  [SLEEP_STAGE_CODES.awakeOutOfBed, "sleep_awake"],
  [SLEEP_STAGE_CODES.light, "sleep_core"],
  [SLEEP_STAGE_CODES.deep, "sleep_deep"],
  [SLEEP_STAGE_CODES.rem, "sleep_rem"],
  [SLEEP_STAGE_CODES.awakeInBed, "sleep_awake"],
]);

interface Session {
  rowId: number;
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
  source: SourceRef;
  stages: number;
}

function stageSample(ctx: HcContext, session: Session, type: SleepStageType, startMs: number, endMs: number, where: string): ParseEvent {
  const minutes = (endMs - startMs) / MS_PER_MIN;
  return checkedSample({ type, value: minutes, startMs, endMs, utcOffsetMin: session.utcOffsetMin, source: session.source }, where, ctx.nowMs);
}

/** A session ends: its time in bed, and, when it had no stages, asleep throughout. */
function* sessionEnd(ctx: HcContext, session: Session): Generator<ParseEvent> {
  const where = `${SLEEP_SESSION_TABLE} row ${session.rowId}`;
  yield stageSample(ctx, session, "sleep_in_bed", session.startMs, session.endMs, where);
  if (session.stages === 0) yield stageSample(ctx, session, "sleep_asleep", session.startMs, session.endMs, where);
}

export function* sleepEvents(ctx: HcContext, hasStages: boolean): Generator<ParseEvent> {
  const stageJoin = hasStages
    ? `left join ${SLEEP_STAGES_TABLE} s on s.parent_key = p.row_id`
    : "left join (select null as parent_key, null as stage_start_time, null as stage_end_time, null as stage_type) s on 0";
  const rows = ctx.db
    .prepare(
      `select p.row_id, p.start_time, p.end_time, p.start_zone_offset, p.app_info_id, p.device_info_id,
              s.stage_start_time, s.stage_end_time, s.stage_type
       from ${SLEEP_SESSION_TABLE} p ${stageJoin}
       order by p.row_id, s.stage_start_time`,
    )
    .iterate();
  let session: Session | null = null;
  for (const raw of rows) {
    const row = raw as HcRow;
    const rowId = num(row, "row_id") ?? 0;
    if (session === null || session.rowId !== rowId) {
      if (session !== null) yield* sessionEnd(ctx, session);
      session = null;
      const startMs = num(row, "start_time");
      const endMs = num(row, "end_time");
      if (startMs === null || endMs === null) {
        yield rejected(`${SLEEP_SESSION_TABLE} row ${rowId}`, "The session has no start_time or end_time; it was not imported.", "sleep_in_bed");
        continue;
      }
      const source = ctx.sources.of(num(row, "app_info_id"), num(row, "device_info_id"));
      session = { rowId, startMs, endMs, utcOffsetMin: offsetMinOf(num(row, "start_zone_offset")), source, stages: 0 };
    }
    const stageStart = num(row, "stage_start_time");
    const stageEnd = num(row, "stage_end_time");
    const code = num(row, "stage_type");
    if (stageStart === null || stageEnd === null || code === null) continue;
    session.stages++;
    const where = `${SLEEP_STAGES_TABLE} of row ${rowId} at ${stageStart}`;
    const type = STAGE_TYPES.get(code);
    if (type === undefined) yield rejected(where, `Stage type ${code} is not one Health Connect defines; the stage was not imported.`, "sleep_stage");
    else yield stageSample(ctx, session, type, stageStart, stageEnd, where);
  }
  if (session !== null) yield* sessionEnd(ctx, session);
}
