import { describe, expect, it } from "vitest";
import { adaptiveTdeeKcal, estimateAdaptiveTdee, olsFit, trendWeights } from "../../../../src/domain/body/trend-weight.js";
import { energyDensityOfChangeKcalPerKg } from "../../../../src/domain/projections/forbes.js";

// TV-T: abs 1e-4 kg for weights, 0.5 kcal for TDEE. Slopes are printed to 5 decimals.
const T1_WEIGHTS_KG = [
  90.4, 89.65, 90.0, 90.45, 89.3, 89.75, 90.0, 89.45, 90.1, 89.15, 89.7, 89.35, 90.0, 88.75, 89.3, 89.55, 88.9, 89.55, 88.9, 89.15, 89.0,
];
const T1_EMA_KG = [
  90.4, 90.325, 90.2925, 90.3083, 90.2074, 90.1617, 90.1455, 90.076, 90.0784, 89.9855, 89.957, 89.8963, 89.9067, 89.791, 89.7419, 89.7227, 89.6404,
  89.6314, 89.5582, 89.5174, 89.4657,
];
const T1 = T1_WEIGHTS_KG.map((weightKg, dayIndex) => ({ dayIndex, weightKg }));

describe("TV-T trend weight and adaptive TDEE", () => {
  it("T1: EMA α = 0.1 seeded at W₀", () => {
    const trend = trendWeights(T1);
    expect(trend).toHaveLength(21);
    trend.forEach((point, i) => {
      expect(Math.abs(point.trendKg - (T1_EMA_KG[i] ?? Number.NaN)), `day ${i}`).toBeLessThanOrEqual(1e-4);
    });
  });

  it("T1: OLS slope of raw weights −0.05442, of the EMA −0.04639 (lag bias)", () => {
    expect(Math.abs((olsFit(T1)?.slopeKgPerDay ?? 0) + 0.05442)).toBeLessThanOrEqual(5e-6);
    const ema = trendWeights(T1).map((p) => ({ dayIndex: p.dayIndex, weightKg: p.trendKg }));
    expect(Math.abs((olsFit(ema)?.slopeKgPerDay ?? 0) + 0.04639)).toBeLessThanOrEqual(5e-6);
  });

  it("T2: intake 2000 × 21 d → TDEE 2419.0 (7,700 kcal/kg), 2406.9 with ρ(F = 30)", () => {
    const days = T1.map((w) => ({ ...w, intakeKcal: 2000, intakeUsable: true }));
    expect(Math.abs((estimateAdaptiveTdee(days)?.tdeeKcal ?? 0) - 2419.0)).toBeLessThanOrEqual(0.5);
    const rho30 = energyDensityOfChangeKcalPerKg(30);
    expect(Math.abs(rho30 - 7478)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((estimateAdaptiveTdee(days, rho30)?.tdeeKcal ?? 0) - 2406.9)).toBeLessThanOrEqual(0.5);
  });

  it("T2: unusable (partial) intake days are left out of the mean", () => {
    const days = T1.map((w, i) => ({ ...w, intakeKcal: i === 3 ? 400 : 2000, intakeUsable: i !== 3 }));
    const estimate = estimateAdaptiveTdee(days);
    expect(estimate?.meanIntakeKcal).toBe(2000);
    expect(estimate?.intakeDays).toBe(20);
  });

  it("T3: day 5 missing → trend carried on day 5, α_eff = 1 − 0.9² on day 6", () => {
    const trend = trendWeights(T1.filter((w) => w.dayIndex !== 5));
    expect(trend).toHaveLength(21);
    expect(trend[5]).toMatchObject({ dayIndex: 5, measured: false });
    expect(Math.abs((trend[5]?.trendKg ?? 0) - 90.2074)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs((trend[6]?.trendKg ?? 0) - 90.168)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs((trend[20]?.trendKg ?? 0) - 89.4708)).toBeLessThanOrEqual(1e-4);
  });

  it("T4: MacroFactor example: intake 3000 with +200 kcal/day stored → TDEE 2800", () => {
    expect(adaptiveTdeeKcal(3000, 200)).toBe(2800);
  });

  it("no estimate without intake or without two weigh-ins", () => {
    expect(estimateAdaptiveTdee([{ dayIndex: 0, weightKg: 80, intakeKcal: 2000, intakeUsable: true }])).toBeNull();
    expect(estimateAdaptiveTdee(T1.map((w) => ({ ...w, intakeKcal: null, intakeUsable: true })))).toBeNull();
  });

  it("several weigh-ins on one day are averaged, in any order", () => {
    const trend = trendWeights([
      { dayIndex: 1, weightKg: 80 },
      { dayIndex: 0, weightKg: 81 },
      { dayIndex: 0, weightKg: 79 },
    ]);
    expect(trend.map((p) => p.trendKg)).toEqual([80, 80]);
  });
});
