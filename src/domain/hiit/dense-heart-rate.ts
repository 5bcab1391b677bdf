import type { HrSample } from "./hr-cleaning.js";

/** One stored heart-rate sample (the `samples` table, type heart_rate). */
export interface HeartRateReading {
  tMs: number;
  bpm: number;
  sourceId: number;
  utcOffsetMin: number;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

// docs/science.md §7.7: background HR outside workouts is sparse (minutes apart); detect only where there is at least
// one sample per 10 s. A stretch shorter than a minute cannot hold three 10-s bouts with two 10-s recoveries.
export const DENSE_MAX_GAP_SEC = 10;
export const MIN_DENSE_STRETCH_SEC = 60;
const MS_PER_SEC = 1000;

/** Readings not inside any window (bounds inclusive); both inputs may be in any order. */
export function outsideWindows(readings: readonly HeartRateReading[], windows: readonly TimeWindow[]): HeartRateReading[] {
  const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
  return [...readings].sort((a, b) => a.tMs - b.tMs).filter((r) => !sorted.some((w) => w.startMs <= r.tMs && r.tMs <= w.endMs));
}

/** Splits time-sorted readings where two are more than 10 s apart; keeps stretches of at least a minute. */
export function denseStretches(sorted: readonly HeartRateReading[]): HeartRateReading[][] {
  const stretches: HeartRateReading[][] = [];
  let current: HeartRateReading[] = [];
  const close = () => {
    const first = current[0];
    const last = current.at(-1);
    if (first !== undefined && last !== undefined && last.tMs - first.tMs >= MIN_DENSE_STRETCH_SEC * MS_PER_SEC) {
      stretches.push(current);
    }
    current = [];
  };
  for (const reading of sorted) {
    const previous = current.at(-1);
    if (previous !== undefined && reading.tMs - previous.tMs > DENSE_MAX_GAP_SEC * MS_PER_SEC) close();
    current.push(reading);
  }
  close();
  return stretches;
}

/**
 * The dense out-of-workout heart rate of one source: the source with the most dense seconds wins, so two devices'
 * interleaved readings are never mixed into one zig-zag series. Empty when nothing is dense enough.
 */
export function selectDenseHeartRate(readings: readonly HeartRateReading[], workoutWindows: readonly TimeWindow[]): HeartRateReading[] {
  let best: { seconds: number; sourceId: number; readings: HeartRateReading[] } | null = null;
  for (const [sourceId, ofSource] of bySource(readings)) {
    const stretches = denseStretches(outsideWindows(ofSource, workoutWindows));
    const seconds = stretches.reduce((sum, s) => sum + ((s.at(-1)?.tMs ?? 0) - (s[0]?.tMs ?? 0)) / MS_PER_SEC, 0);
    if (stretches.length === 0) continue;
    if (best === null || seconds > best.seconds || (seconds === best.seconds && sourceId < best.sourceId)) {
      best = { seconds, sourceId, readings: stretches.flat() };
    }
  }
  return best?.readings ?? [];
}

/** A workout without its own stream: the readings of the source that recorded most of them in its window. */
export function readingsOfBusiestSource(readings: readonly HeartRateReading[]): HeartRateReading[] {
  let best: { sourceId: number; readings: HeartRateReading[] } | null = null;
  for (const [sourceId, ofSource] of bySource(readings)) {
    const more = best === null || ofSource.length > best.readings.length;
    const tieWins = best !== null && ofSource.length === best.readings.length && sourceId < best.sourceId;
    if (more || tieWins) best = { sourceId, readings: ofSource };
  }
  return [...(best?.readings ?? [])].sort((a, b) => a.tMs - b.tMs);
}

export function toHrSamples(readings: readonly HeartRateReading[]): HrSample[] {
  return readings.map((r) => ({ tMs: r.tMs, bpm: r.bpm }));
}

function bySource(readings: readonly HeartRateReading[]): Map<number, HeartRateReading[]> {
  const groups = new Map<number, HeartRateReading[]>();
  for (const r of readings) {
    const group = groups.get(r.sourceId);
    if (group) group.push(r);
    else groups.set(r.sourceId, [r]);
  }
  return groups;
}
