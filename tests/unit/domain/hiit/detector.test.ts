import { describe, expect, it } from "vitest";
import type { HiitAnalysis } from "../../../../src/domain/hiit/detector.js";
import { detectHiit, METHOD_VERSION } from "../../../../src/domain/hiit/detector.js";
import type { HrSample } from "../../../../src/domain/hiit/hr-cleaning.js";
import {
  everyNthSecond,
  I1_TEN_BY_60_60,
  I1_WINDOWS_SEC,
  I2_STEADY_75_PERCENT,
  I3_FOUR_BY_4_MIN,
  I3_WINDOWS_SEC,
  I6_SUSTAINED_20_MIN,
  I7_TABATA,
  I7_WINDOWS_SEC,
  irregularlySampled,
  TV_I_MAX_HR_BPM,
  windowsSec,
} from "./hiit-protocols.js";

const BOUNDARY_TOLERANCE_SEC = 2;

function detect(samples: readonly HrSample[]): HiitAnalysis {
  return detectHiit(samples, { maxHrBpm: TV_I_MAX_HR_BPM });
}

function expectWindows(actual: number[][], expected: ReadonlyArray<readonly [number, number]>): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach(([start, end], i) => {
    const [actualStart = Number.NaN, actualEnd = Number.NaN] = actual[i] ?? [];
    expect(Math.abs(actualStart - start), `bout ${i} start ${actualStart} vs ${start}`).toBeLessThanOrEqual(BOUNDARY_TOLERANCE_SEC);
    expect(Math.abs(actualEnd - end), `bout ${i} end ${actualEnd} vs ${end}`).toBeLessThanOrEqual(BOUNDARY_TOLERANCE_SEC);
  });
}

describe("TV-I reference vectors (HRmax 185 → T_hi 157.25, T_lo 148.0)", () => {
  it("uses the documented thresholds", () => {
    const result = detect(I1_TEN_BY_60_60());
    expect(result.workThresholdBpm).toBeCloseTo(157.25, 10);
    expect(result.exitThresholdBpm).toBeCloseTo(148.0, 10);
    expect(result.methodVersion).toBe(METHOD_VERSION);
  });

  it("I1: 10 × 60 s/60 s is HIIT with 10 bouts", () => {
    const result = detect(I1_TEN_BY_60_60());
    expectWindows(windowsSec(result.bouts), I1_WINDOWS_SEC);
    expect(result.isHiit).toBe(true);
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]?.bouts).toHaveLength(10);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(595);
  });

  it("I2: 40 min steady at 75 % HRmax has no bouts", () => {
    const result = detect(I2_STEADY_75_PERCENT());
    expect(result.bouts).toHaveLength(0);
    expect(result.sustainedBlocks).toHaveLength(0);
    expect(result.isHiit).toBe(false);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(0);
  });

  it("I3: 4 × 4 min is HIIT with 4 bouts", () => {
    const result = detect(I3_FOUR_BY_4_MIN());
    expectWindows(windowsSec(result.bouts), I3_WINDOWS_SEC);
    expect(result.isHiit).toBe(true);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(917);
  });

  it("I5: I1 sampled every 5 s gives the same bouts", () => {
    const result = detect(everyNthSecond(I1_TEN_BY_60_60(), 5));
    expectWindows(windowsSec(result.bouts), I1_WINDOWS_SEC);
    expect(result.isHiit).toBe(true);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(595);
  });

  it("I6: 20 min sustained at ~90 % is vigorous but not HIIT", () => {
    const result = detect(I6_SUSTAINED_20_MIN());
    expect(result.bouts).toHaveLength(0);
    expect(result.sustainedBlocks).toHaveLength(1);
    expect(result.sustainedBlocks[0]?.durationSec).toBeGreaterThan(480);
    expect(result.isHiit).toBe(false);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(1173);
  });

  it("I7: a single Tabata set merges into one bout and is not resolvable as HIIT from HR", () => {
    const result = detect(I7_TABATA());
    expectWindows(windowsSec(result.bouts), I7_WINDOWS_SEC);
    expect(result.isHiit).toBe(false);
    expect(result.secondsAtOrAboveWorkThreshold).toBe(221);
  });
});

describe("robustness: the same bouts whatever the sensor does", () => {
  it("0-bpm dropouts (single samples and a 5-s run inside a bout) are removed, not read as recovery", () => {
    const samples = I1_TEN_BY_60_60().map((s, i) => {
      const second = s.tMs / 1000;
      const dropout = i % 17 === 0 || (second >= 700 && second < 705);
      return dropout ? { tMs: s.tMs, bpm: 0 } : s;
    });
    const result = detect(samples);
    expectWindows(windowsSec(result.bouts), I1_WINDOWS_SEC);
    expect(result.isHiit).toBe(true);
  });

  it("isolated 225-bpm spikes during the exit runs do not delay the bout ends (Hampel)", () => {
    // Without the Hampel filter every bout end moves ~7 s later: the spike resets the 10-s exit count.
    const samples = I1_TEN_BY_60_60().map((s) => {
      const second = s.tMs / 1000;
      return second >= 392 && second < 1500 && (second - 392) % 120 === 0 ? { tMs: s.tMs, bpm: 225 } : s;
    });
    expectWindows(windowsSec(detect(samples).bouts), I1_WINDOWS_SEC);
  });

  it("values above 230 bpm and non-finite values are dropped", () => {
    const samples = I1_TEN_BY_60_60().map((s, i) => (i % 23 === 0 ? { tMs: s.tMs, bpm: i % 2 === 0 ? 260 : Number.NaN } : s));
    expectWindows(windowsSec(detect(samples).bouts), I1_WINDOWS_SEC);
  });

  it("a gap > 15 s inside a bout splits it: closes at the last valid second + 1, reopens after 10 s", () => {
    const samples = I3_FOUR_BY_4_MIN().filter((s) => !(s.tMs >= 431_000 && s.tMs <= 451_000));
    const result = detect(samples);
    expectWindows(windowsSec(result.bouts), [[328, 431], [452, 571], ...I3_WINDOWS_SEC.slice(1)]);
    expect(result.isHiit).toBe(true);
  });

  it("a gap ≤ 15 s is interpolated and leaves the bout whole", () => {
    const samples = I3_FOUR_BY_4_MIN().filter((s) => !(s.tMs >= 431_000 && s.tMs <= 442_000));
    expectWindows(windowsSec(detect(samples).bouts), I3_WINDOWS_SEC);
  });

  it.each([1, 2, 3, 4, 5])("irregular 1–7 s sampling (seed %i) gives the 1-s bouts within 2 s", (seed) => {
    expectWindows(windowsSec(detect(irregularlySampled(I1_TEN_BY_60_60(), seed)).bouts), I1_WINDOWS_SEC);
    expectWindows(windowsSec(detect(irregularlySampled(I3_FOUR_BY_4_MIN(), seed)).bouts), I3_WINDOWS_SEC);
  });

  it("sub-second timestamps, epoch offsets, shuffled order and duplicates give the same bouts", () => {
    const originMs = Date.UTC(2025, 2, 30, 6, 0, 0);
    const samples = I1_TEN_BY_60_60().map((s) => ({ tMs: originMs + s.tMs + 370, bpm: s.bpm }));
    const shuffled = [...samples.filter((_, i) => i % 2 === 1), ...samples.filter((_, i) => i % 2 === 0).reverse()];
    const withDuplicates = [...shuffled, ...samples.slice(0, 200)];
    expectWindows(windowsSec(detect(withDuplicates).bouts, originMs), I1_WINDOWS_SEC);
  });

  it("a sparse all-day stream (one sample per 5 min) yields no bouts and says it had no usable seconds", () => {
    const samples = Array.from({ length: 288 }, (_, i) => ({ tMs: i * 300_000, bpm: i % 2 === 0 ? 172 : 64 }));
    const result = detect(samples);
    expect(result.bouts).toHaveLength(0);
    expect(result.isHiit).toBe(false);
    expect(result.validSeconds).toBe(0);
  });

  it("empty input is not an error", () => {
    const result = detect([]);
    expect(result.bouts).toHaveLength(0);
    expect(result.validSeconds).toBe(0);
  });
});

describe("intensity summary", () => {
  it("time in ACSM bands covers every valid second and matches the protocol", () => {
    const steady = detect(I2_STEADY_75_PERCENT());
    const total = Object.values(steady.timeInBandSec).reduce((s, v) => s + v, 0);
    expect(total).toBe(steady.validSeconds);
    expect(steady.timeInBandSec.vigorous).toBe(0);
    expect(steady.timeInBandSec["near-maximal"]).toBe(0);
    expect(steady.timeInBandSec.moderate).toBeGreaterThan(2400);
    const sustained = detect(I6_SUSTAINED_20_MIN());
    expect(sustained.timeInBandSec.vigorous).toBeGreaterThan(1150);
  });

  it("reports the work:rest ratio of a session", () => {
    const session = detect(I1_TEN_BY_60_60()).sessions[0];
    // From the TV-I1 windows: 67 + 9 × 71 = 706 s of work, 9 × 49 = 441 s of recovery.
    expect(session?.workSec).toBe(706);
    expect(session?.recoverySec).toBe(441);
    expect(session?.workRestRatio).toBeCloseTo(706 / 441, 6);
  });

  it("%HRR basis: work at 80 % of reserve, bands by reserve", () => {
    const result = detectHiit(I1_TEN_BY_60_60(), {
      maxHrBpm: TV_I_MAX_HR_BPM,
      restingHrBpm: 60,
      intensityBasis: "percent-reserve",
    });
    expect(result.workThresholdBpm).toBeCloseTo(160, 10);
    expect(result.exitThresholdBpm).toBeCloseTo(150.75, 10);
    expect(result.bandBasis).toBe("percent-reserve");
    expect(result.bouts).toHaveLength(10);
  });

  it("rejects a %HRR basis without a resting HR, and a non-positive HRmax", () => {
    expect(() => detectHiit([], { maxHrBpm: 185, intensityBasis: "percent-reserve" })).toThrow(RangeError);
    expect(() => detectHiit([], { maxHrBpm: 0 })).toThrow(RangeError);
  });
});

describe("hysteresis and chaining rules on step-shaped HR", () => {
  /** 1 Hz HR that jumps between levels: isolates the rules from HR kinetics. */
  function steps(phases: ReadonlyArray<readonly [durationSec: number, bpm: number]>): HrSample[] {
    const samples: HrSample[] = [];
    let second = 0;
    for (const [durationSec, bpm] of phases) {
      for (let i = 0; i < durationSec; i += 1) samples.push({ tMs: (second + i) * 1000, bpm });
      second += durationSec;
    }
    return samples;
  }
  // Step edges pass through the 5-s average: a block opens 1 s after the jump and closes on the drop, so a 60-s
  // plateau is a 59-s bout.
  const work = [60, 170] as const;
  const rest = [60, 120] as const;

  it("a 9-s dip below T_lo inside a bout does not end it (exit needs 10 s)", () => {
    const result = detect(steps([[300, 120], [60, 170], [9, 140], [60, 170], rest, work, rest, work, [120, 120]]));
    expect(windowsSec(result.bouts)[0]).toEqual([301, 429]);
    expect(result.bouts).toHaveLength(3);
  });

  it("a 9-s surge above T_hi is not a bout (entry needs 10 s)", () => {
    expect(
      detect(
        steps([
          [300, 120],
          [9, 175],
          [300, 120],
        ]),
      ).bouts,
    ).toHaveLength(0);
    expect(
      detect(
        steps([
          [300, 120],
          [14, 175],
          [300, 120],
        ]),
      ).bouts,
    ).toHaveLength(1);
  });

  it("two bouts are not a session; three are", () => {
    expect(detect(steps([[300, 120], work, rest, work, [300, 120]])).isHiit).toBe(false);
    expect(detect(steps([[300, 120], work, rest, work, rest, work, [300, 120]])).isHiit).toBe(true);
  });

  it("a recovery longer than 5 min breaks the chain", () => {
    const result = detect(steps([[300, 120], work, rest, work, [320, 120], work, [300, 120]]));
    expect(result.bouts).toHaveLength(3);
    expect(result.isHiit).toBe(false);
  });

  it("an 8-min block is still a bout; a 9-min block is sustained work", () => {
    const eight = detect(steps([[300, 120], [480, 170], rest, work, rest, work, [300, 120]]));
    expect(eight.bouts.map((b) => b.durationSec)).toEqual([479, 59, 59]);
    expect(eight.isHiit).toBe(true);
    const nine = detect(steps([[300, 120], [540, 170], rest, work, rest, work, [300, 120]]));
    expect(nine.bouts).toHaveLength(2);
    expect(nine.sustainedBlocks.map((b) => b.durationSec)).toEqual([539]);
  });
});
