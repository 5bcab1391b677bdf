import type { BandSeconds } from "../../db/schema/index.js";
import { roundTo, roundUnit } from "../../lib/precision.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { AnalysisRecord, IntervalRecord, SessionRecord } from "./hiit.repo.js";

const bpm = (value: number): number | null => (Number.isFinite(value) ? roundUnit(value, "bpm") : null);

/** Stored as 4-byte reals, answered to 0.1 bpm like every heart rate; NaN (unknown HR in a power bout) is null. */
export function presentInterval(interval: IntervalRecord, utcOffsetMin: number) {
  return {
    start: isoWithOffset(interval.startAt.getTime(), utcOffsetMin),
    end: isoWithOffset(interval.endAt.getTime(), utcOffsetMin),
    peak_bpm: bpm(interval.peakBpm),
    mean_bpm: bpm(interval.meanBpm),
  };
}

export function presentSession(session: SessionRecord, intervals: readonly IntervalRecord[]) {
  return {
    id: session.id,
    workout_id: session.workoutId,
    start: isoWithOffset(session.startAt.getTime(), session.utcOffsetMin),
    end: isoWithOffset(session.endAt.getTime(), session.utcOffsetMin),
    intervals: intervals.map((i) => presentInterval(i, session.utcOffsetMin)),
    work_seconds: session.workSeconds,
    recovery_seconds: session.recoverySeconds,
    threshold_bpm: bpm(session.thresholdBpm) ?? 0,
    hr_max_bpm: bpm(session.hrMaxBpm) ?? 0,
    method_version: session.methodVersion,
  };
}

/** Minutes per ACSM band (% of HRmax) over the whole analysed stream. */
export function presentIntensityMinutes(bandSeconds: BandSeconds) {
  const minutes = (band: string) => roundTo((bandSeconds[band] ?? 0) / 60, 1);
  return {
    very_light: minutes("very-light"),
    light: minutes("light"),
    moderate: minutes("moderate"),
    vigorous: minutes("vigorous"),
    near_maximal: minutes("near-maximal"),
  };
}

/** The HIIT fields of GET /v1/workouts/{id}: all null/empty while the workout has no analysis. */
export function presentWorkoutHiit(
  analysis: AnalysisRecord | undefined,
  sessions: readonly { session: SessionRecord; intervals: readonly IntervalRecord[] }[],
) {
  if (analysis === undefined) return { hiit: null, hiit_intervals: [], intensity_minutes: null };
  return {
    hiit: analysis.isHiit,
    hiit_intervals: sessions.flatMap(({ session, intervals }) => intervals.map((i) => presentInterval(i, session.utcOffsetMin))),
    intensity_minutes: presentIntensityMinutes(analysis.bandSeconds),
  };
}
