import { describe, expect, it } from "vitest";
import { detectHiit } from "../../../../src/domain/hiit/detector.js";
import { chooseMaxHr, maxSmoothedHrBpm } from "../../../../src/domain/hiit/max-hr.js";
import type { TimedValue } from "../../../../src/domain/hiit/series.js";
import { I1_TEN_BY_60_60, I7_TABATA, TV_I_MAX_HR_BPM, windowsSec } from "./hiit-protocols.js";

/** 1 Hz stream whose value during second t is the value of the phase containing t. */
function stepStream(phases: ReadonlyArray<readonly [durationSec: number, value: number]>): TimedValue[] {
  const samples: TimedValue[] = [];
  let second = 0;
  for (const [durationSec, value] of phases) {
    for (let i = 0; i < durationSec; i += 1) samples.push({ tMs: (second + i) * 1000, value });
    second += durationSec;
  }
  return samples;
}

const TABATA_POWER = stepStream([
  [300, 100],
  ...Array.from(
    { length: 8 },
    () =>
      [
        [20, 400],
        [10, 50],
      ] as const,
  ).flat(),
  [300, 80],
]);

describe("speed/power assistance for intervals HR cannot resolve", () => {
  it("a Tabata set with a power meter (CP 250 W) resolves into 8 chained 20-s bouts", () => {
    const result = detectHiit(I7_TABATA(), {
      maxHrBpm: TV_I_MAX_HR_BPM,
      assist: { kind: "power", samples: TABATA_POWER, criticalPowerW: 250 },
    });
    const expected = Array.from({ length: 8 }, (_, k) => [300 + 30 * k, 320 + 30 * k]);
    expect(windowsSec(result.assistedBouts ?? [])).toEqual(expected);
    expect(result.isHiit).toBe(true);
    expect(result.basis).toBe("power");
    expect(result.sessions[0]?.bouts).toHaveLength(8);
    expect(result.bouts).toHaveLength(1);
  });

  it("speed above critical speed resolves 30-s run repeats that heart rate holds high as one block", () => {
    const speed = stepStream([
      [300, 2],
      ...Array.from(
        { length: 5 },
        () =>
          [
            [30, 5.5],
            [30, 1.5],
          ] as const,
      ).flat(),
    ]);
    const hr = stepStream([
      [300, 0.6 * TV_I_MAX_HR_BPM],
      [300, 0.92 * TV_I_MAX_HR_BPM],
    ]).map((s) => ({ tMs: s.tMs, bpm: s.value }));
    const result = detectHiit(hr, {
      maxHrBpm: TV_I_MAX_HR_BPM,
      assist: { kind: "speed", samples: speed, criticalSpeedMps: 4 },
    });
    expect(result.assistedBouts).toHaveLength(5);
    expect(result.basis).toBe("speed");
    expect(result.isHiit).toBe(true);
  });

  it("surges above critical power while heart rate never reaches work are not HIIT (an ordinary road ride)", () => {
    const surges = stepStream([
      [300, 150],
      ...Array.from(
        { length: 6 },
        () =>
          [
            [20, 400],
            [60, 150],
          ] as const,
      ).flat(),
    ]);
    const easyHr = stepStream([[780, 0.7 * TV_I_MAX_HR_BPM]]).map((s) => ({ tMs: s.tMs, bpm: s.value }));
    const result = detectHiit(easyHr, {
      maxHrBpm: TV_I_MAX_HR_BPM,
      assist: { kind: "power", samples: surges, criticalPowerW: 250 },
    });
    expect(result.assistedBouts).toHaveLength(0);
    expect(result.isHiit).toBe(false);
    expect(result.basis).toBe("heart-rate");
  });

  it("power below CP (1.05 × 250 W) finds no session, so the HR result stands", () => {
    const steady = stepStream([[2000, 240]]);
    const result = detectHiit(I1_TEN_BY_60_60(), {
      maxHrBpm: TV_I_MAX_HR_BPM,
      assist: { kind: "power", samples: steady, criticalPowerW: 250 },
    });
    expect(result.assistedBouts).toHaveLength(0);
    expect(result.basis).toBe("heart-rate");
    expect(result.sessions[0]?.bouts).toHaveLength(10);
  });

  it("rejects a non-positive critical power", () => {
    expect(() => detectHiit([], { maxHrBpm: 185, assist: { kind: "power", samples: TABATA_POWER, criticalPowerW: 0 } })).toThrow(RangeError);
  });
});

describe("HRmax choice rule", () => {
  it("a profile value always wins", () => {
    expect(chooseMaxHr({ profileMaxHrBpm: 176, observedMaxHrBpm: 199, ageYears: 35 })).toEqual({
      maxHrBpm: 176,
      source: "profile",
    });
  });

  it("an observed 90-day maximum is used only when above Tanaka", () => {
    // Tanaka at 35 y: 208 − 24.5 = 183.5 bpm.
    expect(chooseMaxHr({ profileMaxHrBpm: null, observedMaxHrBpm: 188, ageYears: 35 })).toEqual({
      maxHrBpm: 188,
      source: "observed",
    });
    expect(chooseMaxHr({ profileMaxHrBpm: null, observedMaxHrBpm: 170, ageYears: 35 })).toEqual({
      maxHrBpm: 183.5,
      source: "tanaka",
    });
    expect(chooseMaxHr({ profileMaxHrBpm: null, observedMaxHrBpm: null, ageYears: 35 }).source).toBe("tanaka");
  });

  it("the observed maximum is the 5-s smoothed peak, immune to spikes", () => {
    const clean = I1_TEN_BY_60_60();
    const spiked = clean.map((s, i) => (i === 700 ? { tMs: s.tMs, bpm: 225 } : s));
    const peak = maxSmoothedHrBpm(clean);
    expect(peak).not.toBeNull();
    expect(peak ?? 0).toBeGreaterThan(170);
    expect(peak ?? 0).toBeLessThan(178);
    expect(maxSmoothedHrBpm(spiked)).toBeCloseTo(peak ?? 0, 6);
    expect(maxSmoothedHrBpm([])).toBeNull();
  });
});
