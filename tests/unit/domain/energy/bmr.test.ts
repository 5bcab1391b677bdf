import { describe, expect, it } from "vitest";
import { leanMassKg } from "../../../../src/domain/energy/body-fat.js";
import {
  cunninghamBmrKcal,
  harrisBenedict1919BmrKcal,
  harrisBenedictRevisedBmrKcal,
  katchMcArdleBmrKcal,
  mifflinStJeorBmrKcal,
  nasemInactiveTeeKcal,
  proRateDailyKcal,
  tdeeFromActivityFactorKcal,
} from "../../../../src/domain/energy/bmr.js";
import type { BodyInput } from "../../../../src/domain/energy/bmr.js";
import { hallRmrKcal } from "../../../../src/domain/projections/hall-baseline.js";

// TV-B, abs 0.01 kcal.
const ABS_KCAL = 0.01;

interface BmrVector {
  id: string;
  body: BodyInput;
  bodyFatPercent: number;
  leanKg: number;
  mifflin: number;
  hb1919: number;
  hbRevised: number;
  katch: number;
  cunningham: number;
  nasemInactive: number;
}

const VECTORS: BmrVector[] = [
  {
    id: "B1",
    body: { sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 },
    bodyFatPercent: 20,
    leanKg: 72,
    mifflin: 1855.0,
    hb1919: 1968.29,
    hbRevised: 1959.22,
    katch: 1925.2,
    cunningham: 2084.0,
    nasemInactive: 2813.02,
  },
  {
    id: "B2",
    body: { sex: "female", weightKg: 75, heightCm: 165, ageYears: 40 },
    bodyFatPercent: 35,
    leanKg: 48.75,
    mifflin: 1420.25,
    hb1919: 1490.51,
    hbRevised: 1479.09,
    katch: 1423.0,
    cunningham: 1572.5,
    nasemInactive: 2126.55,
  },
  {
    id: "B3",
    body: { sex: "female", weightKg: 60, heightCm: 165, ageYears: 30 },
    bodyFatPercent: 25,
    leanKg: 45,
    mifflin: 1320.25,
    hb1919: 1393.82,
    hbRevised: 1383.68,
    katch: 1342.0,
    cunningham: 1490.0,
    nasemInactive: 2021.0,
  },
  {
    id: "B4",
    body: { sex: "male", weightKg: 70, heightCm: 175, ageYears: 25 },
    bodyFatPercent: 15,
    leanKg: 59.5,
    mifflin: 1673.75,
    hb1919: 1735.79,
    hbRevised: 1724.05,
    katch: 1655.2,
    cunningham: 1809.0,
    nasemInactive: 2606.82,
  },
];

function expectKcal(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(ABS_KCAL);
}

describe("TV-B resting energy equations", () => {
  it.each(VECTORS)("$id", (v) => {
    const lean = leanMassKg(v.body.weightKg, v.bodyFatPercent);
    expectKcal(lean, v.leanKg);
    expectKcal(mifflinStJeorBmrKcal(v.body), v.mifflin);
    expectKcal(harrisBenedict1919BmrKcal(v.body), v.hb1919);
    expectKcal(harrisBenedictRevisedBmrKcal(v.body), v.hbRevised);
    expectKcal(katchMcArdleBmrKcal(lean), v.katch);
    expectKcal(cunninghamBmrKcal(lean), v.cunningham);
    expectKcal(nasemInactiveTeeKcal(v.body), v.nasemInactive);
  });

  it("B5/B6: bw's refitted Mifflin (height in metres) used by the Hall model", () => {
    expectKcal(hallRmrKcal({ sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 }), 1856.9);
    const b6 = hallRmrKcal({ sex: "female", weightKg: 58, heightCm: 164, ageYears: 21 });
    expectKcal(b6, 1340.1);
    // The doc prints "× 1.7 = 2278.2": 1340.10 × 1.7 is 2278.17, the doc rounded to one decimal.
    expectKcal(b6 * 1.7, 2278.17);
  });

  it("B7: activity factors on B1 Mifflin", () => {
    const bmr = mifflinStJeorBmrKcal({ sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 });
    expectKcal(tdeeFromActivityFactorKcal(bmr, "sedentary"), 2226.0);
    expectKcal(tdeeFromActivityFactorKcal(bmr, "light"), 2550.625);
    expectKcal(tdeeFromActivityFactorKcal(bmr, "moderate"), 2875.25);
    expectKcal(tdeeFromActivityFactorKcal(bmr, "veryActive"), 3199.875);
    expectKcal(tdeeFromActivityFactorKcal(bmr, "extraActive"), 3524.5);
  });

  it("B8: NASEM inactive, independent public test", () => {
    expectKcal(nasemInactiveTeeKcal({ sex: "male", weightKg: 70, heightCm: 170, ageYears: 30 }), 2520.17);
  });

  it("rejects impossible bodies instead of returning a number", () => {
    expect(() => mifflinStJeorBmrKcal({ sex: "male", weightKg: 0, heightCm: 180, ageYears: 35 })).toThrow(RangeError);
    expect(() => mifflinStJeorBmrKcal({ sex: "male", weightKg: 90, heightCm: Number.NaN, ageYears: 35 })).toThrow(
      RangeError,
    );
    expect(() => katchMcArdleBmrKcal(-1)).toThrow(RangeError);
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
