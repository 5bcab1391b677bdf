import { describe, expect, it } from "vitest";
import { detectHiit } from "../../../../src/domain/hiit/detector.js";
import {
  bestMeanOverWindow,
  CRITICAL_LEVEL_FRACTION_OF_BEST,
  estimateCriticalLevel,
  heartRateFromStream,
  powerAssist,
  speedAssist,
  speedAssistApplies,
  streamPoints,
} from "../../../../src/domain/hiit/detector-input.js";
import type { TimedValue } from "../../../../src/domain/hiit/series.js";
import { repeatPhases, syntheticHeartRate, withWarmUpAndCoolDown } from "../../../helpers/synthetic-hr.js";

const START_MS = Date.parse("2026-11-20T17:00:00Z");

/** 1 Hz samples at `value` for `seconds` seconds from `fromSec`. */
function flat(fromSec: number, seconds: number, value: number): TimedValue[] {
  return Array.from({ length: seconds }, (_, i) => ({ tMs: START_MS + (fromSec + i) * 1000, value }));
}

describe("stored streams → detector input", () => {
  it("offsets are relative to the workout start; parallel arrays of unequal length are cut to the shorter", () => {
    expect(streamPoints(START_MS, { offsetsMs: [0, 1000, 2000], values: [100, 110] })).toEqual([
      { tMs: START_MS, value: 100 },
      { tMs: START_MS + 1000, value: 110 },
    ]);
  });

  it("TV-I1 stored as offsets/values and read back gives the detector's 10 bouts", () => {
    const phases = repeatPhases(10, [
      { durationSec: 60, targetBpm: 178 },
      { durationSec: 60, targetBpm: 115 },
    ]);
    const hr = syntheticHeartRate(withWarmUpAndCoolDown(phases), START_MS);
    const stored = { offsetsMs: hr.map((s) => s.tMs - START_MS), values: hr.map((s) => s.bpm) };
    const result = detectHiit(heartRateFromStream(START_MS, stored), { maxHrBpm: 185 });
    expect(result.isHiit).toBe(true);
    expect(result.sessions[0]?.bouts).toHaveLength(10);
    expect(result.sessions[0]?.bouts[0]?.startMs).toBe(START_MS + 321_000);
  });
});

describe("critical power / speed estimate", () => {
  it("best 20-min mean over continuous data; a gap longer than 15 s breaks the window", () => {
    const ride = [...flat(0, 600, 100), ...flat(600, 1200, 250), ...flat(1800, 600, 100)];
    expect(bestMeanOverWindow(ride, 1200)).toBeCloseTo(250, 6);
    const broken = [...flat(0, 700, 250), ...flat(720, 700, 250)];
    expect(bestMeanOverWindow(broken, 1200)).toBeNull();
  });

  it("95 % of the best 20-min mean across streams; null without 20 continuous minutes", () => {
    const streams = [flat(0, 1300, 200), flat(0, 1300, 240), flat(0, 600, 400)];
    expect(estimateCriticalLevel(streams)).toBeCloseTo(CRITICAL_LEVEL_FRACTION_OF_BEST * 240, 6);
    expect(estimateCriticalLevel([flat(0, 900, 300)])).toBeNull();
    expect(estimateCriticalLevel([])).toBeNull();
  });

  it("assist inputs need both samples and a level; speed only for running", () => {
    expect(powerAssist(flat(0, 10, 300), null)).toBeNull();
    expect(powerAssist([], 250)).toBeNull();
    expect(powerAssist(flat(0, 10, 300), 250)).toMatchObject({ kind: "power", criticalPowerW: 250 });
    expect(speedAssist(flat(0, 10, 4), 3.5)).toMatchObject({ kind: "speed", criticalSpeedMps: 3.5 });
    expect(speedAssistApplies("running")).toBe(true);
    expect(speedAssistApplies("trail_running")).toBe(true);
    expect(speedAssistApplies("cycling")).toBe(false);
  });
});
