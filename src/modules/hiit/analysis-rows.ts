import type { hiitAnalyses, hiitIntervals, hiitSessions } from "../../db/schema/index.js";
import type { AcsmBand } from "../../domain/energy/hr-zones.js";
import { acsmBandByPercentMaxHr } from "../../domain/energy/hr-zones.js";
import type { HiitAnalysis, HiitBout } from "../../domain/hiit/detector.js";
import type { HrSample } from "../../domain/hiit/hr-cleaning.js";
import { prepareHrSegments } from "../../domain/hiit/hr-cleaning.js";
import type { MaxHrSource } from "../../domain/hiit/max-hr.js";
import { localDateAtOffset } from "../../lib/zone.js";

export type AnalysisRow = typeof hiitAnalyses.$inferInsert;
export type SessionRow = typeof hiitSessions.$inferInsert;
export type IntervalRow = typeof hiitIntervals.$inferInsert;

export interface AnalysisWrite {
  analysis: AnalysisRow;
  sessions: { session: SessionRow; intervals: Omit<IntervalRow, "sessionId">[] }[];
}

export interface AnalysedStream {
  userId: string;
  workoutId: string | null;
  /** The workout's local date, or the analysed day. */
  localDate: string;
  maxHrSource: MaxHrSource;
  /** UTC offset (minutes east) in force at an instant of the stream. */
  utcOffsetMinAt: (tMs: number) => number;
  analyzedAt: Date;
  newId: () => string;
}

const MS_PER_SEC = 1000;

export function emptyBandSeconds(): Record<AcsmBand, number> {
  return { "very-light": 0, light: 0, moderate: 0, vigorous: 0, "near-maximal": 0 };
}

/** Smoothed seconds per ACSM band (% of HRmax) inside [startMs, endMs): the same series the detector judged. */
export function bandSecondsBetween(hr: readonly HrSample[], startMs: number, endMs: number, maxHrBpm: number): Record<AcsmBand, number> {
  const seconds = emptyBandSeconds();
  for (const segment of prepareHrSegments(hr)) {
    segment.values.forEach((bpm, i) => {
      const tMs = (segment.startSec + i) * MS_PER_SEC;
      if (Number.isNaN(bpm) || tMs < startMs || tMs >= endMs) return;
      seconds[acsmBandByPercentMaxHr(bpm, maxHrBpm)] += 1;
    });
  }
  return seconds;
}

/** The rows that replace a stream's previous analysis: one analysis, its sessions and their intervals in order. */
export function analysisRows(result: HiitAnalysis, hr: readonly HrSample[], stream: AnalysedStream): AnalysisWrite {
  const analysisId = stream.newId();
  const analysis: AnalysisRow = {
    id: analysisId,
    userId: stream.userId,
    workoutId: stream.workoutId,
    localDate: stream.localDate,
    isHiit: result.isHiit,
    hrMaxBpm: result.maxHrBpm,
    hrMaxSource: stream.maxHrSource,
    thresholdBpm: result.workThresholdBpm,
    bandSeconds: result.timeInBandSec,
    methodVersion: result.methodVersion,
    analyzedAt: stream.analyzedAt,
  };
  const sessions = result.sessions.map((s) => {
    const utcOffsetMin = stream.utcOffsetMinAt(s.startMs);
    const session: SessionRow = {
      id: stream.newId(),
      analysisId,
      userId: stream.userId,
      workoutId: stream.workoutId,
      localDate: localDateAtOffset(s.startMs, utcOffsetMin),
      startAt: new Date(s.startMs),
      endAt: new Date(s.endMs),
      utcOffsetMin,
      bouts: s.bouts.length,
      workSeconds: s.workSec,
      recoverySeconds: s.recoverySec,
      thresholdBpm: result.workThresholdBpm,
      hrMaxBpm: result.maxHrBpm,
      bandSeconds: bandSecondsBetween(hr, s.startMs, s.endMs, result.maxHrBpm),
      methodVersion: result.methodVersion,
    };
    return { session, intervals: s.bouts.map(intervalRow) };
  });
  return { analysis, sessions };
}

// Power- or speed-found bouts may have no heart rate inside them: the columns are NOT NULL, so NaN stands for
// "unknown" there and the API answers null.
function intervalRow(bout: HiitBout, position: number): Omit<IntervalRow, "sessionId"> {
  return {
    position,
    startAt: new Date(bout.startMs),
    endAt: new Date(bout.endMs),
    peakBpm: bout.peakHrBpm ?? Number.NaN,
    meanBpm: bout.meanHrBpm ?? Number.NaN,
  };
}
