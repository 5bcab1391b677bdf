import type { UserRow } from "../../db/schema/index.js";
import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { AssistInput } from "../../domain/hiit/assist.js";
import type { HeartRateReading, TimeWindow } from "../../domain/hiit/dense-heart-rate.js";
import { readingsOfBusiestSource, selectDenseHeartRate, toHrSamples } from "../../domain/hiit/dense-heart-rate.js";
import { detectHiit } from "../../domain/hiit/detector.js";
import { heartRateFromStream } from "../../domain/hiit/detector-input.js";
import type { HrSample } from "../../domain/hiit/hr-cleaning.js";
import { maxSmoothedHrBpm } from "../../domain/hiit/max-hr.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { newId } from "../../lib/ids.js";
import { findUser } from "../accounts/index.js";
import type { AnalysisWrite } from "./analysis-rows.js";
import { analysisRows } from "./analysis-rows.js";
import {
  findDetectionWorkout,
  findWorkoutStreams,
  heartRateReadingsBetween,
  heartRateReadingsOn,
  workoutWindowsOverlapping,
} from "./detection-inputs.repo.js";
import type { StreamSpan } from "./detection-inputs.service.js";
import { LOOKBACK_MS, resolveAssist, resolveMaxHr } from "./detection-inputs.service.js";
import { enqueueAnalysisRedetections, enqueueWorkoutDetections } from "./detection-requests.service.js";
import type { AnalysisKey } from "./hiit.repo.js";
import { analysesBelowObservedMax, replaceAnalysis } from "./hiit.repo.js";

export type DetectionOutcome = "analysed" | "no-heart-rate" | "no-max-hr" | "missing" | "duplicate";

export interface DetectionResult {
  outcome: DetectionOutcome;
  sessions: number;
}

// A new observed maximum must beat a stored HRmax by this much to redo it: stored HRmax is a 4-byte real, and
// sub-bpm changes move no threshold by a whole beat.
const HR_MAX_CHANGE_TOLERANCE_BPM = 0.5;

/** Detects HIIT in one workout (its own stream, else the samples recorded during it) and replaces its analysis. */
export async function detectWorkoutHiit(deps: Deps, userId: string, workoutId: string): Promise<DetectionResult> {
  const [user, workout] = await Promise.all([findUser(deps, userId), findDetectionWorkout(deps.sql, userId, workoutId)]);
  if (!user || !workout) return { outcome: "missing", sessions: 0 };
  // One activity, one detection: a copy's analysis (and its sessions) is removed; its representative has them.
  if (workout.duplicateOf !== null) return store(deps, { userId, workoutId, localDate: workout.localDate }, null, "duplicate");
  const streams = await findWorkoutStreams(deps.sql, workoutId);
  const stream = streams.get("heart_rate");
  const hr = stream
    ? heartRateFromStream(workout.startMs, stream)
    : toHrSamples(readingsOfBusiestSource(await heartRateReadingsBetween(deps.sql, userId, workout.startMs, workout.endMs)));
  return analyseAndStore(deps, user, {
    key: { userId, workoutId, localDate: workout.localDate },
    span: { startMs: workout.startMs, endMs: workout.endMs, localDate: workout.localDate },
    hr,
    utcOffsetMinAt: () => workout.utcOffsetMin,
    assist: () => resolveAssist(deps.sql, userId, workout, streams),
  });
}

/**
 * Detects HIIT in a local day's dense heart rate outside the user's workouts. Workouts of that day without their
 * own stream are queued for detection from the same samples (they may have arrived after the workout).
 */
export async function detectDayHiit(deps: Deps, userId: string, localDate: string): Promise<DetectionResult> {
  const user = await findUser(deps, userId);
  if (!user) return { outcome: "missing", sessions: 0 };
  const readings = await heartRateReadingsOn(deps.sql, userId, localDate);
  const first = readings[0];
  const last = readings.at(-1);
  const windows = first && last ? await workoutWindowsOverlapping(deps.sql, userId, first.tMs, last.tMs) : [];
  const streamless = windows.filter((w) => w.hrSampleCount === 0 && readings.some((r) => inside(r, w)));
  await enqueueWorkoutDetections(
    deps,
    userId,
    streamless.map((w) => w.id),
  );
  const dense = selectDenseHeartRate(readings, windows);
  return analyseAndStore(deps, user, {
    key: { userId, workoutId: null, localDate },
    span: { startMs: dense[0]?.tMs ?? 0, endMs: dense.at(-1)?.tMs ?? 0, localDate },
    hr: toHrSamples(dense),
    utcOffsetMinAt: offsetAt(dense),
    assist: () => Promise.resolve(null),
  });
}

interface StreamToAnalyse {
  key: AnalysisKey;
  span: StreamSpan;
  hr: HrSample[];
  utcOffsetMinAt: (tMs: number) => number;
  assist: () => Promise<AssistInput | null>;
}

async function analyseAndStore(deps: Deps, user: UserRow, stream: StreamToAnalyse): Promise<DetectionResult> {
  if (stream.hr.length === 0) return store(deps, stream.key, null, "no-heart-rate");
  const choice = await resolveMaxHr(deps.sql, user, stream.span);
  if (choice === null) return store(deps, stream.key, null, "no-max-hr");
  const result = detectHiit(stream.hr, { maxHrBpm: choice.maxHrBpm, assist: await stream.assist() });
  const now = deps.clock.now();
  const write = analysisRows(result, stream.hr, {
    ...stream.key,
    maxHrSource: choice.source,
    utcOffsetMinAt: stream.utcOffsetMinAt,
    analyzedAt: now,
    newId: () => newId("hiit", now.getTime()),
  });
  const stored = await store(deps, stream.key, write, "analysed");
  if (choice.source !== "profile") await redetectLaterAnalyses(deps, user.id, stream.span, maxSmoothedHrBpm(stream.hr));
  return stored;
}

/** Replaces the analysis in one transaction, then recomputes the days whose session count may have changed. */
async function store(deps: Deps, key: AnalysisKey, write: AnalysisWrite | null, outcome: DetectionOutcome): Promise<DetectionResult> {
  const previousDates = await withTransaction(deps.db, (tx) => replaceAnalysis(tx, key, write));
  const sessionDates = write?.sessions.map((s) => s.session.localDate) ?? [];
  await enqueueDayRecomputes(deps, key.userId, [...previousDates, ...sessionDates]);
  return { outcome, sessions: sessionDates.length };
}

/** This stream's peak is in the 90-day lookback of later streams: those analysed with a lower HRmax are redone. */
async function redetectLaterAnalyses(deps: Deps, userId: string, span: StreamSpan, peakBpm: number | null): Promise<void> {
  if (peakBpm === null) return;
  const keys = await analysesBelowObservedMax(deps.sql, userId, {
    afterMs: span.endMs,
    afterDate: span.localDate,
    untilMs: span.endMs + LOOKBACK_MS,
    belowBpm: peakBpm - HR_MAX_CHANGE_TOLERANCE_BPM,
  });
  await enqueueAnalysisRedetections(deps, keys);
}

function inside(reading: HeartRateReading, window: TimeWindow): boolean {
  return window.startMs <= reading.tMs && reading.tMs <= window.endMs;
}

/** The offset of the first reading at or after an instant (samples carry the offset they were recorded at). */
function offsetAt(readings: readonly HeartRateReading[]): (tMs: number) => number {
  return (tMs) => (readings.find((r) => r.tMs >= tMs) ?? readings.at(-1))?.utcOffsetMin ?? 0;
}
