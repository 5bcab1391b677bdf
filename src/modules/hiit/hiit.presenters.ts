import type { BandSeconds } from "../../db/schema/index.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { AnalysisRecord, IntervalRecord, SessionRecord } from "./hiit.repo.js";

const round = (value: number, decimals: number): number | null => {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Stored as 4-byte reals: thresholds to 0.01 bpm, heart rates to 0.1 bpm; NaN (unknown HR in a power bout) is null. */
export function presentInterval(interval: IntervalRecord, utcOffsetMin: number) {
  return {
    start: isoWithOffset(interval.startAt.getTime(), utcOffsetMin),
    end: isoWithOffset(interval.endAt.getTime(), utcOffsetMin),
    peak_bpm: round(interval.peakBpm, 1),
    mean_bpm: round(interval.meanBpm, 1),
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
    threshold_bpm: round(session.thresholdBpm, 2) ?? 0,
    hr_max_bpm: round(session.hrMaxBpm, 2) ?? 0,
    method_version: session.methodVersion,
  };
}

/** Minutes per ACSM band (% of HRmax) over the whole analysed stream. */
export function presentIntensityMinutes(bandSeconds: BandSeconds) {
  const minutes = (band: string) => round((bandSeconds[band] ?? 0) / 60, 1) ?? 0;
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
