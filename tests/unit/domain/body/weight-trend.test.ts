import { describe, expect, it } from "vitest";
import { seededFrom, weightTrendForRange } from "../../../../src/domain/body/weight-trend.js";
import { addDays } from "../../../../src/lib/calendar.js";

// TV-T1 weights and the TV-T3 gap vector (docs/science.md §6) (day 5 missing).
const W = [90.4, 89.65, 90.0, 90.45, 89.3, 89.75, 90.0, 89.45, 90.1, 89.15, 89.7, 89.35, 90.0, 88.75, 89.3, 89.55, 88.9, 89.55, 88.9, 89.15, 89.0];
const EMA = [
  90.4, 90.325, 90.2925, 90.3083, 90.2074, 90.1617, 90.1455, 90.076, 90.0784, 89.9855, 89.957, 89.8963, 89.9067, 89.791, 89.7419, 89.7227, 89.6404,
  89.6314, 89.5582, 89.5174, 89.4657,
];
const START = "2026-01-01";
const series = (skip?: number) => W.flatMap((weightKg, i) => (i === skip ? [] : [{ localDate: addDays(START, i), weightKg }]));

describe("weightTrendForRange", () => {
  it("reproduces TV-T1 day by day", () => {
    const trend = weightTrendForRange(series(), START, addDays(START, 20));
    expect(trend.map((d) => d.date)).toEqual(W.map((_, i) => addDays(START, i)));
    // TV-T tolerance: abs 1e-4 kg against the 4-decimal published values.
    trend.forEach((d, i) => {
      expect(Math.abs(d.trendWeightKg - (EMA[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-4);
    });
    expect(trend.map((d) => d.measuredWeightKg)).toEqual(W);
  });

  it("carries the trend over a missing day and catches up with α_eff (TV-T3)", () => {
    const trend = weightTrendForRange(series(5), START, addDays(START, 20));
    expect(trend[5]).toMatchObject({ date: "2026-01-06", measuredWeightKg: null });
    expect(trend[5]?.trendWeightKg).toBeCloseTo(90.2074, 4);
    expect(trend[6]?.trendWeightKg).toBeCloseTo(90.168, 4);
    expect(trend[20]?.trendWeightKg).toBeCloseTo(89.4708, 4);
  });

  it("returns only the asked range, seeded by earlier weigh-ins, and stops at the last weigh-in", () => {
    const trend = weightTrendForRange(series(), addDays(START, 18), addDays(START, 40));
    expect(trend.map((d) => d.date)).toEqual([addDays(START, 18), addDays(START, 19), addDays(START, 20)]);
    expect(trend[0]?.trendWeightKg).toBeCloseTo(EMA[18] ?? Number.NaN, 4);
    expect(seededFrom(series(), addDays(START, 18))).toBe(START);
    expect(seededFrom(series(), START)).toBeNull();
  });

  it("averages several weigh-ins of one day", () => {
    const trend = weightTrendForRange(
      [
        { localDate: "2026-01-01", weightKg: 80 },
        { localDate: "2026-01-02", weightKg: 81 },
        { localDate: "2026-01-02", weightKg: 83 },
      ],
      "2026-01-01",
      "2026-01-02",
    );
    expect(trend[1]?.measuredWeightKg).toBe(82);
    expect(trend[1]?.trendWeightKg).toBeCloseTo(80.2, 10);
  });

  it("is empty without weigh-ins", () => {
    expect(weightTrendForRange([], "2026-01-01", "2026-01-31")).toEqual([]);
  });
});
