import { describe, expect, it } from "vitest";
import type { KeytelInput } from "../../../../src/domain/energy/keytel.js";
import { keytelGrossKcalPerMin, keytelGrossKjPerMin, keytelNetKcal } from "../../../../src/domain/energy/keytel.js";

// TV-K: abs 1e-3 kcal/min. kJ/min is printed to 4 decimals, 30-min kcal to 2.
const ABS_KCAL_PER_MIN = 1e-3;

const K1: KeytelInput = { hrBpm: 150, weightKg: 75, ageYears: 35, sex: "male" };

// [id, input, kJ/min, kcal/min, kcal in 30 min]
const VECTORS: Array<[string, KeytelInput, number, number, number]> = [
  ["K1", K1, 61.5076, 14.7007, 441.02],
  ["K2", { ...K1, vo2MaxMlKgMin: 45 }, 56.5415, 13.5137, 405.41],
  ["K3", { hrBpm: 140, weightKg: 60, ageYears: 30, sex: "female" }, 36.8478, 8.8068, 264.21],
  ["K4", { hrBpm: 140, weightKg: 60, ageYears: 30, sex: "female", vo2MaxMlKgMin: 40 }, 33.2046, 7.9361, 238.08],
  ["K5", { hrBpm: 120, weightKg: 100, ageYears: 50, sex: "male", vo2MaxMlKgMin: 40 }, 49.4165, 11.8108, 354.32],
  ["K6", { hrBpm: 90, weightKg: 70, ageYears: 30, sex: "male", vo2MaxMlKgMin: null }, 21.6511, 5.1747, 155.24],
];

describe("TV-K Keytel 2005 gross EE", () => {
  it.each(VECTORS)("%s", (_id, input, kjPerMin, kcalPerMin, kcal30Min) => {
    expect(Math.abs(keytelGrossKjPerMin(input) - kjPerMin)).toBeLessThanOrEqual(5e-5);
    expect(Math.abs(keytelGrossKcalPerMin(input) - kcalPerMin)).toBeLessThanOrEqual(ABS_KCAL_PER_MIN);
    expect(Math.abs(keytelGrossKcalPerMin(input) * 30 - kcal30Min)).toBeLessThanOrEqual(0.005);
  });
});

describe("Keytel net-of-resting rule for a workout (docs/science.md §3.6)", () => {
  it("K1 for 30 min minus 30 min of a 1855 kcal/day BMR: 441.02 − 38.65 = 402.37", () => {
    const net = keytelNetKcal({ ...K1, bmrKcalPerDay: 1855, durationMin: 30 });
    expect(Math.abs(net - 402.37)).toBeLessThanOrEqual(0.01);
  });
});
