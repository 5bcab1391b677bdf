import type { Sql } from "../../db/client.js";
import type { UserRow } from "../../db/schema/index.js";
import { tanakaMaxHrBpm } from "../../domain/energy/hr-zones.js";
import type { AssistInput } from "../../domain/hiit/assist.js";
import { toHrSamples } from "../../domain/hiit/dense-heart-rate.js";
import type { StoredStream } from "../../domain/hiit/detector-input.js";
import {
  CRITICAL_LEVEL_WINDOW_SEC,
  estimateCriticalLevel,
  heartRateFromStream,
  powerAssist,
  speedAssist,
  speedAssistApplies,
  streamPoints,
} from "../../domain/hiit/detector-input.js";
import type { MaxHrChoice } from "../../domain/hiit/max-hr.js";
import { chooseMaxHr, maxSmoothedHrBpm, OBSERVED_MAX_HR_LOOKBACK_DAYS } from "../../domain/hiit/max-hr.js";
import { ageYears, MS_PER_DAY } from "../../lib/calendar.js";
import type { DetectionWorkout } from "./detection-inputs.repo.js";
import { findWorkoutStreams, heartRateReadingsOn, longStreams, sampleMaxDates, streamMaxCandidates } from "./detection-inputs.repo.js";

export const LOOKBACK_MS = OBSERVED_MAX_HR_LOOKBACK_DAYS * MS_PER_DAY;

/** The analysed stretch: the observed maximum looks back 90 days from its start and includes the stretch itself. */
export interface StreamSpan {
  startMs: number;
  endMs: number;
  localDate: string;
}

/**
 * HRmax for a stream via chooseMaxHr. Null when there is neither a profile HRmax nor a birth date: an observed maximum
 * alone is only a lower bound on the true one, and thresholds from it would call moderate work HIIT.
 */
export async function resolveMaxHr(sql: Sql, user: UserRow, span: StreamSpan): Promise<MaxHrChoice | null> {
  const age = user.birthDate === null ? null : ageYears(user.birthDate, span.localDate);
  if (user.hrMaxBpm !== null) return chooseMaxHr({ profileMaxHrBpm: user.hrMaxBpm, observedMaxHrBpm: null, ageYears: age ?? Number.NaN });
  if (age === null || age <= 0) return null;
  const window = { fromMs: span.startMs - LOOKBACK_MS, toMs: span.endMs };
  const observed = await observedMaxHrBpm(sql, user.id, window, tanakaMaxHrBpm(age));
  return chooseMaxHr({ profileMaxHrBpm: null, observedMaxHrBpm: observed, ageYears: age });
}

/**
 * Highest 5-s smoothed HR in the window above `floorBpm`, or null. A stream's raw maximum bounds its smoothed one, so
 * candidates are visited highest raw maximum first and the scan stops once no raw maximum can beat the best so far.
 */
export async function observedMaxHrBpm(sql: Sql, userId: string, window: { fromMs: number; toMs: number }, floorBpm: number): Promise<number | null> {
  let best: number | null = null;
  const bar = () => Math.max(floorBpm, best ?? Number.NEGATIVE_INFINITY);
  for (const candidate of await streamMaxCandidates(sql, userId, window.fromMs, window.toMs, floorBpm)) {
    if (candidate.maxHrBpm <= bar()) break;
    const stream = (await findWorkoutStreams(sql, candidate.id)).get("heart_rate");
    const bpm = stream ? maxSmoothedHrBpm(heartRateFromStream(candidate.startMs, stream)) : null;
    if (bpm !== null && bpm > bar()) best = bpm;
  }
  for (const day of await sampleMaxDates(sql, userId, window.fromMs, window.toMs, bar())) {
    if (day.maxBpm <= bar()) break;
    const readings = (await heartRateReadingsOn(sql, userId, day.localDate)).filter((r) => r.tMs >= window.fromMs && r.tMs <= window.toMs);
    for (const sourceId of new Set(readings.map((r) => r.sourceId))) {
      const bpm = maxSmoothedHrBpm(toHrSamples(readings.filter((r) => r.sourceId === sourceId)));
      if (bpm !== null && bpm > bar()) best = bpm;
    }
  }
  return best;
}

/** Power (any activity) else speed (running only) of the workout, judged against the person's estimated CP / CS. */
export async function resolveAssist(
  sql: Sql,
  userId: string,
  workout: DetectionWorkout,
  streams: ReadonlyMap<string, StoredStream>,
): Promise<AssistInput | null> {
  const lookback = { fromMs: workout.startMs - LOOKBACK_MS, toMs: workout.endMs, minDurationS: CRITICAL_LEVEL_WINDOW_SEC };
  const power = streams.get("power");
  if (power !== undefined) {
    const history = await longStreams(sql, userId, { kind: "power", ...lookback, runningOnly: false });
    const assist = powerAssist(streamPoints(workout.startMs, power), estimateCriticalLevel(history.map((s) => streamPoints(s.startMs, s))));
    if (assist !== null) return assist;
  }
  const speed = streams.get("speed");
  if (speed !== undefined && speedAssistApplies(workout.activityType)) {
    const history = await longStreams(sql, userId, { kind: "speed", ...lookback, runningOnly: true });
    return speedAssist(streamPoints(workout.startMs, speed), estimateCriticalLevel(history.map((s) => streamPoints(s.startMs, s))));
  }
  return null;
}
