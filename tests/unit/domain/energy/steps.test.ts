import { describe, expect, it } from "vitest";
import type { StepsInput } from "../../../../src/domain/energy/steps.js";
import { stepLengthM, stepsDistanceM, stepsNetKcal, stepsOutsideWindows } from "../../../../src/domain/energy/steps.js";

// TV-S, abs 0.1 kcal.

const S1: StepsInput = { steps: 10_000, heightCm: 180, sex: "male", weightKg: 90 };

// [id, input, step length m, km, net kcal (0.5 kcal/kg/km)]
const VECTORS: Array<[string, StepsInput, number, number, number]> = [
  ["S1", S1, 0.747, 7.47, 336.1],
  ["S2", { steps: 10_000, heightCm: 165, sex: "female", weightKg: 60 }, 0.68145, 6.8145, 204.4],
  ["S3", { steps: 8_000, heightCm: 175, sex: "male", weightKg: 70 }, 0.72625, 5.81, 203.35],
];

describe("TV-S steps → kcal", () => {
  it.each(VECTORS)("%s", (_id, input, lengthM, km, netKcal) => {
    expect(stepLengthM(input.heightCm, input.sex)).toBeCloseTo(lengthM, 10);
    expect(stepsDistanceM(input) / 1000).toBeCloseTo(km, 10);
    expect(Math.abs(stepsNetKcal(input) - netKcal)).toBeLessThanOrEqual(0.1);
  });

  it("S1 costs ≈ 0.0336 kcal per step", () => {
    expect(stepsNetKcal(S1) / 10_000).toBeCloseTo(0.0336, 4);
  });

  it("a user-set step length overrides the height rule", () => {
    const input: StepsInput = { steps: 1000, heightCm: 180, sex: "male", weightKg: 80, stepLengthM: 0.8 };
    expect(stepsDistanceM(input)).toBe(800);
    expect(stepsNetKcal(input)).toBeCloseTo(0.5 * 80 * 0.8, 10);
  });
});

describe("steps inside workout windows are not counted twice", () => {
  const minute = 60_000;

  it("pro-rates a sample that overlaps a workout", () => {
    const samples = [{ startMs: 0, endMs: 10 * minute, count: 1000 }];
    expect(stepsOutsideWindows(samples, [{ startMs: 5 * minute, endMs: 30 * minute }])).toBeCloseTo(500, 10);
  });

  it("merges overlapping workouts so their overlap is not removed twice", () => {
    const samples = [{ startMs: 0, endMs: 10 * minute, count: 1000 }];
    const windows = [
      { startMs: 2 * minute, endMs: 6 * minute },
      { startMs: 4 * minute, endMs: 8 * minute },
    ];
    expect(stepsOutsideWindows(samples, windows)).toBeCloseTo(400, 10);
  });

  it("instantaneous samples count only outside [start, end)", () => {
    const samples = [
      { startMs: 5 * minute, endMs: 5 * minute, count: 30 },
      { startMs: 10 * minute, endMs: 10 * minute, count: 7 },
    ];
    expect(stepsOutsideWindows(samples, [{ startMs: 0, endMs: 10 * minute }])).toBe(7);
  });
});
