// Sessions → ParsedWorkout: each session of a multisport file is its own workout, with the records
// that fall in its time window as heart-rate/speed/power streams.
import { draftEvents } from "../tcx/workout-draft.js";
import type { TrackPoint, WorkoutDraft } from "../tcx/workout-draft.js";
import type { ParseEvent, SourceRef } from "../types.js";
import type { FitRecord, FitSession } from "./fit-decode.js";
import type { FitClock } from "./fit-time.js";
import type { SpeedDistance } from "./fit-speed-distance.js";

/** Sub-sports that say more about the effort than their sport ("training" → "strength_training"). */
const REFINING_SUB_SPORTS = new Set(["strength_training", "cardio_training", "hiit", "yoga", "pilates", "elliptical",
  "indoor_rowing", "stair_climbing"]);

/** A timer longer than the elapsed time is a device bug (one real file: 21680 s timer in a 2840 s session). */
const TIMER_OVER_ELAPSED_TOLERANCE_SEC = 60;

export interface TimedRecord {
  decoderMs: number;
  record: FitRecord;
  motion: SpeedDistance;
}

export interface SessionInput {
  session: FitSession | null;
  index: number;
  startDecoderMs: number;
  /** Records in this session's window, oldest first. */
  records: TimedRecord[];
  /** Activity type for record-only files, where there is no session to read it from. */
  fallbackActivity: string;
}

interface WorkoutContext {
  clock: FitClock;
  source: SourceRef;
  externalId: string | null;
  nowMs: number;
}

export function activityTypeOf(sport: unknown, subSport: unknown): string {
  if (typeof subSport === "string" && REFINING_SUB_SPORTS.has(subSport)) return subSport;
  if (typeof sport !== "string" || sport === "generic" || sport === "all") return "other";
  return sport;
}

function trackPoints(records: readonly TimedRecord[], clock: FitClock): TrackPoint[] {
  return records.map(({ decoderMs, record, motion }) => ({
    tMs: clock.toUtcMs(decoderMs),
    hrBpm: record.heart_rate ?? null,
    speedMps: motion.speedMps,
    powerW: record.power ?? null,
  }));
}

function lastDistanceM(records: readonly TimedRecord[]): number | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const distanceM = records[i]?.motion.distanceM;
    if (typeof distanceM === "number") return distanceM - (records[0]?.motion.distanceM ?? 0);
  }
  return null;
}

function durationSecOf(timerSec: number | undefined, elapsedSec: number): number {
  if (timerSec === undefined || timerSec > elapsedSec + TIMER_OVER_ELAPSED_TOLERANCE_SEC) return elapsedSec;
  return timerSec;
}

/** Builds one session's workout plus any rejections about it. */
export function sessionEvents(input: SessionInput, context: WorkoutContext): ParseEvent[] {
  const { session, records } = input;
  const { clock } = context;
  const startMs = clock.toUtcMs(input.startDecoderMs);
  const lastRecord = records.at(-1);
  const lastRecordMs = lastRecord ? clock.toUtcMs(lastRecord.decoderMs) : startMs;
  const elapsedSec = session?.total_elapsed_time ?? (lastRecordMs - startMs) / 1000;
  const draft: WorkoutDraft = {
    externalId: context.externalId,
    activityType: session ? activityTypeOf(session.sport, session.sub_sport) : input.fallbackActivity,
    startMs,
    endMs: Math.max(startMs + elapsedSec * 1000, lastRecordMs),
    utcOffsetMin: clock.utcOffsetMin,
    durationSec: durationSecOf(session?.total_timer_time, elapsedSec),
    activeEnergyKcal: session?.total_calories ?? null,
    distanceM: session?.total_distance ?? lastDistanceM(records),
    source: context.source,
    points: trackPoints(records, clock),
  };
  return draftEvents(draft, `session ${input.index + 1}`, context.nowMs);
}
