import { describe, expect, it } from "vitest";
import { jacksonFatMassKg } from "../../../../src/domain/energy/body-fat.js";
import type { HallPerson } from "../../../../src/domain/projections/hall-baseline.js";
import { hallBaseline } from "../../../../src/domain/projections/hall-baseline.js";
import { simulateHall, weeklyStates } from "../../../../src/domain/projections/hall-model.js";

// TV-H: ±0.01 kg for any accurate solver of the fixed equations (ρG·dG/dt).
const ABS_KG = 0.01;
const H1: HallPerson = {
  sex: "male",
  ageYears: 35,
  heightCm: 180,
  weightKg: 90,
  bodyFatPercent: null,
  energy: { physicalActivityLevel: 1.6 },
};

function expectKg(actual: number | undefined, expected: number, tolerance = ABS_KG): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? Number.NaN) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe("TV-H baseline (RMR / EI₀ / F₀ = 1856.9 / 2971.0 / 22.49)", () => {
  it("matches the table and the energy-module Jackson equation", () => {
    const baseline = hallBaseline(H1);
    expect(Math.abs(baseline.rmrKcal - 1856.9)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(baseline.maintenanceIntakeKcal - 2971.04)).toBeLessThanOrEqual(0.01);
    expectKg(baseline.fatMassKg, 22.49, 0.005);
    expect(baseline.fatMassKg).toBe(jacksonFatMassKg(H1));
  });

  it("is in energy balance: maintenance intake keeps every state still", () => {
    const end = simulateHall(hallBaseline(H1), { kind: "change", deltaKcalPerDay: 0 }, { days: 364 }).at(-1);
    expectKg(end?.weightKg, 90, 1e-9);
  });
});

describe("TV-H trajectories (constant ΔEI from day 0, pcarb = 0.5)", () => {
  it.each([
    ["H1a", -300, [89.54, 88.87, 87.33, 85.1, 82.19], [-0.61, -1.65, -4.97]],
    ["H1b", -500, [89.22, 88.11, 85.52, 81.77, 76.87], [-1.02, -2.74, -8.1]],
  ] as const)("%s ΔEI %i", (_id, delta, weights, fatChanges) => {
    const baseline = hallBaseline(H1);
    const states = simulateHall(baseline, { kind: "change", deltaKcalPerDay: delta }, { days: 364 });
    // Table values are printed to 2 decimals, so allow the print rounding on top of the solver tolerance.
    const tolerance = ABS_KG + 0.005;
    [7, 28, 84, 182, 364].forEach((day, i) => {
      expectKg(states[day]?.weightKg, weights[i] ?? Number.NaN, tolerance);
    });
    [28, 84, 364].forEach((day, i) => {
      const fatChangeKg = (states[day]?.fatMassKg ?? Number.NaN) - baseline.fatMassKg;
      expectKg(fatChangeKg, fatChanges[i] ?? Number.NaN, tolerance);
    });
  });

  it("H1b weekly weights, weeks 0–12, 26, 52 (abs 0.01 kg)", () => {
    const expected = [90.0, 89.223, 88.834, 88.464, 88.108, 87.761, 87.423, 87.092, 86.767, 86.448, 86.134, 85.825, 85.522];
    const daily = simulateHall(hallBaseline(H1), { kind: "change", deltaKcalPerDay: -500 }, { days: 364 });
    const weekly = weeklyStates(daily);
    expect(weekly).toHaveLength(53);
    expected.forEach((kg, week) => {
      expectKg(weekly[week]?.weightKg, kg);
    });
    expectKg(weekly[26]?.weightKg, 81.766);
    expectKg(weekly[52]?.weightKg, 76.867);
    expectKg((weekly[52]?.weightKg ?? 0) - (weekly[51]?.weightKg ?? 0), -0.147);
  });

  it("is converged at one RK4 step per day (vs 20 steps per day: < 0.006 kg)", () => {
    const baseline = hallBaseline(H1);
    const coarse = simulateHall(baseline, { kind: "change", deltaKcalPerDay: -500 }, { days: 364 });
    const fine = simulateHall(baseline, { kind: "change", deltaKcalPerDay: -500 }, { days: 364, stepsPerDay: 20 });
    const maxDiff = Math.max(...coarse.map((s, i) => Math.abs(s.weightKg - (fine[i]?.weightKg ?? Number.NaN))));
    expect(maxDiff).toBeLessThan(0.006);
  });

  it("a daily intake series equal to the constant plan gives the same trajectory", () => {
    const baseline = hallBaseline(H1);
    const intake = Array.from({ length: 84 }, () => baseline.maintenanceIntakeKcal - 500);
    const series = simulateHall(baseline, { kind: "series", intakeKcalPerDay: intake }, { days: 84 });
    const constant = simulateHall(baseline, { kind: "change", deltaKcalPerDay: -500 }, { days: 84 });
    expect(series.at(-1)?.weightKg).toBeCloseTo(constant.at(-1)?.weightKg ?? Number.NaN, 12);
  });

  it("an intake series with a refeed day gains back some weight that day", () => {
    const baseline = hallBaseline(H1);
    const intake = Array.from({ length: 28 }, (_, d) => (d === 20 ? 4500 : 2400));
    const states = simulateHall(baseline, { kind: "series", intakeKcalPerDay: intake }, { days: 28 });
    expect((states[21]?.weightKg ?? 0) - (states[20]?.weightKg ?? 0)).toBeGreaterThan(0);
    expect((states[20]?.weightKg ?? 0) - (states[19]?.weightKg ?? 0)).toBeLessThan(0);
  });

  it("a measured body fat replaces the Jackson seed", () => {
    const lean = hallBaseline({ ...H1, bodyFatPercent: 15 });
    expect(lean.fatMassKg).toBeCloseTo(13.5, 12);
    const leanLoss = simulateHall(lean, { kind: "change", deltaKcalPerDay: -500 }, { days: 84 }).at(-1);
    const jacksonLoss = simulateHall(hallBaseline(H1), { kind: "change", deltaKcalPerDay: -500 }, { days: 84 }).at(-1);
    // Leaner people lose more lean and so more weight per kcal (Forbes).
    expect(90 - (leanLoss?.weightKg ?? 0)).toBeGreaterThan(90 - (jacksonLoss?.weightKg ?? 0));
  });

  it("rejects negative intake, a short series and fractional days", () => {
    const baseline = hallBaseline(H1);
    expect(() => simulateHall(baseline, { kind: "constant", intakeKcalPerDay: -1 }, { days: 1 })).toThrow(RangeError);
    expect(() => simulateHall(baseline, { kind: "series", intakeKcalPerDay: [2000] }, { days: 2 })).toThrow(RangeError);
    expect(() => simulateHall(baseline, { kind: "change", deltaKcalPerDay: 0 }, { days: 1.5 })).toThrow(RangeError);
  });
});
