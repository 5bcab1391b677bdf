import { describe, expect, it } from "vitest";
import type { BodyInput } from "../../../../src/domain/energy/bmr.js";
import { mifflinStJeorBmrKcal, proRateDailyKcal } from "../../../../src/domain/energy/bmr.js";
import { leanMassKg } from "../../../../src/domain/energy/body-fat.js";
import { hallRmrKcal } from "../../../../src/domain/projections/hall-baseline.js";

// TV-B, abs 0.01 kcal.
const ABS_KCAL = 0.01;

interface BmrVector {
  id: string;
  body: BodyInput;
  bodyFatPercent: number;
  leanKg: number;
  mifflin: number;
}

const VECTORS: BmrVector[] = [
  {
    id: "B1",
    body: { sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 },
    bodyFatPercent: 20,
    leanKg: 72,
    mifflin: 1855.0,
  },
  {
    id: "B2",
    body: { sex: "female", weightKg: 75, heightCm: 165, ageYears: 40 },
    bodyFatPercent: 35,
    leanKg: 48.75,
    mifflin: 1420.25,
  },
  {
    id: "B3",
    body: { sex: "female", weightKg: 60, heightCm: 165, ageYears: 30 },
    bodyFatPercent: 25,
    leanKg: 45,
    mifflin: 1320.25,
  },
  {
    id: "B4",
    body: { sex: "male", weightKg: 70, heightCm: 175, ageYears: 25 },
    bodyFatPercent: 15,
    leanKg: 59.5,
    mifflin: 1673.75,
  },
];

function expectKcal(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(ABS_KCAL);
}

describe("TV-B resting energy (Mifflin–St Jeor, the one the days use)", () => {
  it.each(VECTORS)("$id", (v) => {
    const lean = leanMassKg(v.body.weightKg, v.bodyFatPercent);
    expectKcal(lean, v.leanKg);
    expectKcal(mifflinStJeorBmrKcal(v.body), v.mifflin);
  });

  it("B5/B6: bw's refitted Mifflin (height in metres) used by the Hall model", () => {
    expectKcal(hallRmrKcal({ sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 }), 1856.9);
    const b6 = hallRmrKcal({ sex: "female", weightKg: 58, heightCm: 164, ageYears: 21 });
    expectKcal(b6, 1340.1);
    // The vector reads "× 1.7 = 2278.2": 1340.10 × 1.7 is 2278.17, rounded to one decimal.
    expectKcal(b6 * 1.7, 2278.17);
  });

  it("rejects impossible bodies instead of returning a number", () => {
    expect(() => mifflinStJeorBmrKcal({ sex: "male", weightKg: 0, heightCm: 180, ageYears: 35 })).toThrow(RangeError);
    expect(() => mifflinStJeorBmrKcal({ sex: "male", weightKg: 90, heightCm: Number.NaN, ageYears: 35 })).toThrow(RangeError);
  });
});

describe("pro-rating a daily BMR to the real day length (TV-D7, TV-D8)", () => {
  it("23-h and 25-h DST days", () => {
    expectKcal(proRateDailyKcal(1850, 23), 1772.92);
    expectKcal(proRateDailyKcal(1850, 25), 1927.08);
    expect(proRateDailyKcal(1850, 24)).toBe(1850);
  });

  it("14 h into the current day", () => {
    expectKcal(proRateDailyKcal(1850, 14), 1079.17);
  });

  it("rejects negative hours", () => {
    expect(() => proRateDailyKcal(1850, -1)).toThrow(RangeError);
  });
});
