import { describe, expect, it } from "vitest";
import { allowedDeviationKg, classifyWeighIns, type WeighIn } from "../../../../src/domain/body/weigh-in-outliers.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-11-01T07:00:00Z");
let n = 0;
const w = (days: number, weightKg: number, override: boolean | null = null): WeighIn => ({
  id: `w${String(n++).padStart(3, "0")}`,
  atMs: T0 + days * DAY,
  weightKg,
  override,
});
const outliers = (list: WeighIn[]) => {
  const flags = classifyWeighIns(list);
  return list.filter((x) => flags.get(x.id)).map((x) => x.weightKg);
};

describe("allowed deviation", () => {
  it("is body water (3 % of weight + 2 kg of glycogen water) plus 0.5 kg of tissue per elapsed day", () => {
    expect(allowedDeviationKg(86, 0)).toBeCloseTo(4.58, 9);
    expect(allowedDeviationKg(86, 30 / 1440)).toBeCloseTo(4.58 + 0.5 / 48, 9);
    expect(allowedDeviationKg(86, 10)).toBeCloseTo(9.58, 9);
  });
});

describe("classifyWeighIns", () => {
  it("189.6 kg 30 minutes after 86.0 kg is an outlier; the next morning's 85.8 is not", () => {
    expect(outliers([w(0, 86.0), w(30 / 1440, 189.6), w(1, 85.8)])).toEqual([189.6]);
  });

  it("an ordinary week of ±1 kg noise and a slow loss has no outlier; a 6 kg overnight jump has one", () => {
    const week = [86.0, 85.2, 86.4, 85.5, 85.0, 85.9, 84.8].map((kg, d) => w(d, kg));
    expect(outliers(week)).toEqual([]);
    expect(outliers([...week, w(7, 91.5)])).toEqual([91.5]);
  });

  it("after a long gap more change is allowed (0.5 kg/day of tissue)", () => {
    expect(outliers([w(0, 100), w(40, 84)])).toEqual([]);
    expect(outliers([w(0, 100), w(4, 84)])).toEqual([84]);
  });

  it("three weigh-ins in agreement over more than a day are a new level, even when the first weigh-in was the typo", () => {
    expect(outliers([w(0, 68.0), w(1, 86.1), w(2, 85.9), w(3, 86.0), w(4, 85.7)])).toEqual([]);
    // Two agreeing departures are not enough.
    expect(outliers([w(0, 68.0), w(1, 86.1), w(2, 85.9)])).toEqual([86.1, 85.9]);
  });

  it("the person's word wins both ways: a confirmed jump feeds the trend, a marked weigh-in never does", () => {
    expect(outliers([w(0, 86.0), w(0.1, 95.0, false), w(1, 94.0)])).toEqual([]);
    expect(outliers([w(0, 86.0, true), w(1, 70.0), w(2, 70.2)])).toEqual([86.0]);
  });
});
