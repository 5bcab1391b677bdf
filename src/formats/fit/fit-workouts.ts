// Sessions → ParsedWorkout: each session of a multisport file is its own workout, with the records that fall in
// its time window as heart-rate/speed/power streams. The session (and its laps) are the device's summary:
// their timer time, calories, distance and heart rate win over values computed from the records.
import { heartRateOfLaps, sumPresent } from "../../domain/records/summary-provenance.js";
import type { DeviceSummary, TrackPoint, WorkoutDraft } from "../common/workout-draft.js";
import { draftEvents } from "../common/workout-draft.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import type { FitLap, FitRecord, FitSession, FitSet } from "./fit-decode.js";
import type { SessionWindow } from "./fit-session-window.js";
import { sessionSets } from "./fit-sets.js";
import type { SpeedDistance } from "./fit-speed-distance.js";
import type { FitClock } from "./fit-time.js";

/** Sub-sports that say more about the effort than their sport ("training" → "strength_training"). */
const REFINING_SUB_SPORTS = new Set([
  "strength_training",
  "cardio_training",
  "hiit",
  "yoga",
  "pilates",
  "elliptical",
  "indoor_rowing",
  "stair_climbing",
]);

export interface TimedRecord {
  decoderMs: number;
  record: FitRecord;
  motion: SpeedDistance;
}

export interface SessionInput {
  session: FitSession | null;
  index: number;
  /** The session's window after checking its header against its records (decoder clock). */
  window: SessionWindow;
  /** Records in this session's window, oldest first. */
  records: TimedRecord[];
  /** Laps that belong to this session. */
  laps: FitLap[];
  /** Strength `set` messages that belong to this session. */
  sets: FitSet[];
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

/** Cumulative distance over the records' main run (a stray record stamped years away does not count). */
function lastDistanceM(records: readonly TimedRecord[], span: SessionWindow["recordSpan"]): number | null {
  const inSpan = span ? records.filter((r) => r.decoderMs >= span.firstMs && r.decoderMs <= span.lastMs) : records;
  for (let i = inSpan.length - 1; i >= 0; i--) {
    const distanceM = inSpan[i]?.motion.distanceM;
    if (typeof distanceM === "number") return distanceM - (inSpan[0]?.motion.distanceM ?? 0);
  }
  return null;
}

/** 0 kcal over a whole session means the device did not measure energy (same convention as TCX laps). */
function measuredKcal(kcal: number | null | undefined): number | null {
  return kcal === null || kcal === undefined || kcal === 0 ? null : kcal;
}

/**
 * Laps stand for the whole workout only when they cover it: their elapsed times add up to at least this share of the
 * records' span. A file without a session whose one lap covers a few metres (seen in a real 4.6-hour ride: a 4.9 m lap
 * beside 113 km of records) says nothing about the rest.
 */
const LAPS_COVER_SHARE = 0.9;

function lapsCoverRecords(laps: readonly FitLap[], window: SessionWindow): boolean {
  const span = window.recordSpan;
  if (span === null) return true;
  const lapSec = sumPresent(laps.map((lap) => lap.total_elapsed_time ?? lap.total_timer_time));
  return lapSec !== null && lapSec * 1000 >= LAPS_COVER_SHARE * (span.lastMs - span.firstMs);
}

/** What the device wrote: the session's own fields, its laps for any field the session lacks (when they cover it). */
function deviceSummary(input: SessionInput): DeviceSummary {
  const { session, window } = input;
  const laps = session !== null || lapsCoverRecords(input.laps, window) ? input.laps : [];
  const lapHr = heartRateOfLaps(
    laps.map((lap) => ({ durationSec: lap.total_timer_time ?? null, avgHrBpm: lap.avg_heart_rate ?? null, maxHrBpm: lap.max_heart_rate ?? null })),
  );
  return {
    durationSec: window.timerSec ?? window.elapsedSec,
    activeEnergyKcal: measuredKcal(session?.total_calories ?? sumPresent(laps.map((lap) => lap.total_calories))),
    distanceM: session?.total_distance ?? sumPresent(laps.map((lap) => lap.total_distance)),
    avgHrBpm: session?.avg_heart_rate ?? lapHr.avgBpm,
    maxHrBpm: session?.max_heart_rate ?? lapHr.maxBpm,
  };
}

/** Builds one session's workout plus any rejections about it. */
export function sessionEvents(input: SessionInput, context: WorkoutContext): ParseEvent[] {
  const { session, records, window } = input;
  const { clock } = context;
  const where = `session ${input.index + 1}`;
  const startMs = clock.toUtcMs(window.startMs);
  const strength = sessionSets(input.sets, startMs, clock, where);
  const draft: WorkoutDraft = {
    externalId: context.externalId,
    activityType: session ? activityTypeOf(session.sport, session.sub_sport) : input.fallbackActivity,
    startMs,
    endMs: clock.toUtcMs(window.endMs),
    utcOffsetMin: clock.utcOffsetMin,
    source: context.source,
    // FIT session total_calories count the whole burn, resting included (Garmin's documented behaviour).
    energyBasis: "gross",
    device: deviceSummary(input),
    fromSamples: {
      durationSec: window.recordSpan ? (window.recordSpan.lastMs - window.recordSpan.firstMs) / 1000 : null,
      distanceM: lastDistanceM(records, window.recordSpan),
    },
    points: trackPoints(records, clock),
    sets: strength.sets,
  };
  const events = draftEvents(draft, where, context.nowMs);
  return events[0]?.kind === "workout" ? [...events, ...strength.events] : events;
}
