import { describe, expect, it } from "vitest";
import {
  DENSE_MAX_GAP_SEC,
  denseStretches,
  type HeartRateReading,
  MIN_DENSE_STRETCH_SEC,
  outsideWindows,
  readingsOfBusiestSource,
  selectDenseHeartRate,
} from "../../../../src/domain/hiit/dense-heart-rate.js";

const T0 = Date.parse("2026-11-19T08:00:00Z");

/** Readings every `stepSec` seconds over `[fromSec, toSec]` from one source. */
function every(stepSec: number, fromSec: number, toSec: number, sourceId = 1, bpm = 120): HeartRateReading[] {
  const out: HeartRateReading[] = [];
  for (let s = fromSec; s <= toSec; s += stepSec) out.push({ tMs: T0 + s * 1000, bpm, sourceId, utcOffsetMin: 60 });
  return out;
}

const secondsOf = (readings: readonly HeartRateReading[]) => readings.map((r) => (r.tMs - T0) / 1000);

describe("dense heart rate outside workouts", () => {
  it("a gap of exactly 10 s keeps a stretch together; 11 s splits it", () => {
    const joined = [...every(5, 0, 100), ...every(5, 100 + DENSE_MAX_GAP_SEC, 200)];
    expect(denseStretches(joined)).toHaveLength(1);
    const split = [...every(5, 0, 100), ...every(5, 100 + DENSE_MAX_GAP_SEC + 1, 200)];
    expect(denseStretches(split).map((s) => secondsOf(s)[0])).toEqual([0, 111]);
  });

  it("drops stretches shorter than a minute and sparse background readings", () => {
    expect(denseStretches(every(5, 0, MIN_DENSE_STRETCH_SEC - 5))).toEqual([]);
    expect(denseStretches(every(5, 0, MIN_DENSE_STRETCH_SEC))).toHaveLength(1);
    expect(denseStretches(every(300, 0, 86_100))).toEqual([]);
  });

  it("excludes instants inside workouts, bounds included", () => {
    const readings = every(10, 0, 100);
    const kept = outsideWindows(readings, [{ startMs: T0 + 20_000, endMs: T0 + 50_000 }]);
    expect(secondsOf(kept)).toEqual([0, 10, 60, 70, 80, 90, 100]);
  });

  it("keeps only dense stretches outside workouts, from the source with the most dense seconds", () => {
    const watch = [...every(2, 0, 600, 1), ...every(300, 900, 3600, 1)];
    const strap = every(1, 1000, 2000, 2);
    const workout = { startMs: T0 + 1500_000, endMs: T0 + 2500_000 };
    const chosen = selectDenseHeartRate([...watch, ...strap], [workout]);
    expect(new Set(chosen.map((r) => r.sourceId))).toEqual(new Set([1]));
    expect(Math.max(...secondsOf(chosen))).toBe(600);
    const withoutWorkout = selectDenseHeartRate([...watch, ...strap], []);
    expect(new Set(withoutWorkout.map((r) => r.sourceId))).toEqual(new Set([2]));
  });

  it("nothing dense → nothing to analyse", () => {
    expect(selectDenseHeartRate(every(60, 0, 3600), [])).toEqual([]);
    expect(selectDenseHeartRate([], [])).toEqual([]);
  });

  it("a stream-less workout takes the readings of the source that recorded most of them, in time order", () => {
    const picked = readingsOfBusiestSource([...every(5, 0, 50, 2).reverse(), ...every(10, 0, 50, 1)]);
    expect(new Set(picked.map((r) => r.sourceId))).toEqual(new Set([2]));
    expect(secondsOf(picked)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
  });
});
