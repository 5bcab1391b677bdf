import { describe, expect, it } from "vitest";
import { energyDensityOfChangeKcalPerKg, tissueChangeFromEnergy } from "../../../../src/domain/projections/forbes.js";
import { KG_PER_LB, rule3500WeeklyLossKg, rule3500WeeklyLossLb, rule3500WeightChangeKg } from "../../../../src/domain/projections/rule3500.js";

function expectAbs(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe("TV-W1/W2 static rules", () => {
  it("W1: 500 kcal/day → 1.000 lb/wk = 0.4536 kg/wk; 300 kcal/day → 0.600 lb/wk", () => {
    expectAbs(rule3500WeeklyLossLb(500), 1.0, 5e-4);
    expectAbs(rule3500WeeklyLossKg(500), 0.4536, 5e-5);
    expectAbs(rule3500WeeklyLossLb(300), 0.6, 5e-4);
    expect(KG_PER_LB).toBe(0.45359237);
  });

  it.each([
    [-300, [-1.089, -3.266, -14.152]],
    [-500, [-1.814, -5.443, -23.587]],
  ])("TV-H comparison: 3,500 rule at d28/d84/d364 for ΔEI %i", (deltaKcal, expectedKg) => {
    [28, 84, 364].forEach((day, i) => {
      expectAbs(rule3500WeightChangeKg(deltaKcal * day), expectedKg[i] ?? 0, 5e-4);
    });
  });
});

describe("TV-W3 ρ(F): 3,500 kcal/wk split by body fat (abs 1e-3 kg)", () => {
  it.each([
    [15.47, 0.549, 0.3283, 0.2207],
    [22.49, 0.4979, 0.3404, 0.1574],
    [27.07, 0.4778, 0.3452, 0.1326],
    [30, 0.468, 0.3476, 0.1205],
    [39.11, 0.4465, 0.3527, 0.0938],
  ])("F %f kg → ΔBW %f (fat %f, lean %f)", (fatMassKg, weightKg, fatKg, leanKg) => {
    const change = tissueChangeFromEnergy(3500, fatMassKg);
    expectAbs(change.weightKg, weightKg, 1e-3);
    expectAbs(change.fatKg, fatKg, 1e-3);
    expectAbs(change.leanKg, leanKg, 1e-3);
  });

  it("docs/science.md §5.2 ρ(F) table: 5,554 / 6,319 / 6,832 / 7,478 / 7,867 / 8,128 kcal/kg", () => {
    [10, 15, 20, 30, 40, 50].forEach((fat, i) => {
      expectAbs(energyDensityOfChangeKcalPerKg(fat), [5554, 6319, 6832, 7478, 7867, 8128][i] ?? 0, 0.5);
    });
  });
});
