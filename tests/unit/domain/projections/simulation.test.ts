import { describe, expect, it } from "vitest";
import { simulateHall } from "../../../../src/domain/projections/hall-model.js";
import {
  maintenanceIntakeAtStateKcal,
  type SimulationPerson,
  type SimulationResult,
  simulate,
  simulationBaseline,
} from "../../../../src/domain/projections/simulation.js";

const H1: SimulationPerson = { sex: "male", ageYears: 35, heightCm: 180, weightKg: 90, bodyFatPercent: null, energy: { physicalActivityLevel: 1.6 } };
const H1B_WEEKLY_KG = [90.0, 89.223, 88.834, 88.464, 88.108, 87.761, 87.423, 87.092, 86.767, 86.448, 86.134, 85.825, 85.522];

function ok(outcome: ReturnType<typeof simulate>): SimulationResult {
  if (!outcome.ok) throw new Error(`unexpected ${outcome.reason}`);
  return outcome.result;
}

describe("simulate: Hall and the 3,500-kcal rule side by side", () => {
  it("intake change −500 is TV-H H1b (RMR 1856.9, EI₀ 2971.04), weeks 0..12", () => {
    const r = ok(simulate(H1, { kind: "change", intakeChangeKcal: -500 }, 12));
    expect(r.rmrKcal).toBeCloseTo(1856.9, 9);
    expect(r.maintenanceIntakeKcal).toBeCloseTo(2971.04, 9);
    expect(r.intakeKcal).toBeCloseTo(2471.04, 9);
    expect(r.dynamic).toHaveLength(13);
    r.dynamic.forEach((p, week) => {
      expect(p.week).toBe(week);
      expect(Math.abs(p.weight_kg - (H1B_WEEKLY_KG[week] ?? 0))).toBeLessThanOrEqual(0.01);
      expect(p.fat_mass_kg + p.lean_mass_kg).toBeCloseTo(p.weight_kg, 9);
    });
    // TV-H comparisons: 3,500-rule at d28 / d84 for −500: −1.814 / −5.443 kg.
    expect(r.rule3500[4]?.weight_kg).toBeCloseTo(90 - 1.814, 3);
    expect(r.rule3500[12]?.weight_kg).toBeCloseTo(90 - 5.443, 3);
    expect(r.target).toBeNull();
    expect(r.flags).toEqual([]);
  });

  it("a constant intake of 2471.04 kcal is the same run", () => {
    const r = ok(simulate(H1, { kind: "intake", intakeKcal: 2471.04 }, 12));
    r.dynamic.forEach((p, week) => {
      expect(Math.abs(p.weight_kg - (H1B_WEEKLY_KG[week] ?? 0))).toBeLessThanOrEqual(0.01);
    });
  });

  it("the goal mode finds the intake that reaches H1b's week-12 weight: ≈ 2471 kcal", () => {
    const r = ok(simulate(H1, { kind: "target", targetWeightKg: 85.522, targetDays: 84 }, 16));
    expect(Math.abs((r.target?.requiredIntakeKcal ?? 0) - 2471.04)).toBeLessThan(3);
    expect(Math.abs((r.target?.weightAtTargetKg ?? 0) - 85.522)).toBeLessThan(0.01);
    expect(r.dynamic).toHaveLength(17);
    expect(r.target?.maintenanceAfterKcal).toBeGreaterThan(r.target?.requiredIntakeKcal ?? Infinity);
    expect(r.target?.maintenanceAfterKcal).toBeLessThan(r.maintenanceIntakeKcal);
  });

  it("an out-of-reach target says why and how close it gets", () => {
    const outcome = simulate(H1, { kind: "target", targetWeightKg: 60, targetDays: 28 }, 4);
    expect(outcome).toMatchObject({ ok: false, reason: "needs-negative-intake" });
    // Eating nothing for 28 days still ends near 77.8 kg: that is as close as the model can get.
    if (!outcome.ok) expect(outcome.closestWeightKg).toBeCloseTo(77.85, 1);
  });

  it("flags a planned cut above 1000 kcal/day and an intake under 1,500 kcal for a man", () => {
    expect(ok(simulate(H1, { kind: "intake", intakeKcal: 1400 }, 1)).flags).toEqual(["deficit-above-1000-kcal-per-day", "intake-below-floor"]);
  });
});

describe("maintenanceIntakeAtStateKcal", () => {
  const baseline = simulationBaseline(H1);

  it("is EI₀ at the baseline state", () => {
    const [start] = simulateHall(baseline, { kind: "change", deltaKcalPerDay: 0 }, { days: 0 });
    if (!start) throw new Error("no state");
    expect(maintenanceIntakeAtStateKcal(baseline, start)).toBeCloseTo(2971.04, 6);
  });

  it("is the intake the body settled at: 20 years at 2,400 kcal/day give back 2,400", () => {
    const settled = simulateHall(baseline, { kind: "constant", intakeKcalPerDay: 2400 }, { days: 7300 }).at(-1);
    if (!settled) throw new Error("no state");
    expect(maintenanceIntakeAtStateKcal(baseline, settled)).toBeCloseTo(2400, 1);
  });
});
