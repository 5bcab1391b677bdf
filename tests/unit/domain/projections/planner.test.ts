import { describe, expect, it } from "vitest";
import { guardrailFlags } from "../../../../src/domain/projections/guardrails.js";
import type { HallBaseline } from "../../../../src/domain/projections/hall-baseline.js";
import { hallBaseline } from "../../../../src/domain/projections/hall-baseline.js";
import { planConstantIntake, planForTargetWeight } from "../../../../src/domain/projections/planner.js";

/** A constant change from the baseline's maintenance intake (what the what-if planner's "change" goal runs). */
const planIntakeChange = (baseline: HallBaseline, deltaKcalPerDay: number, days: number) =>
  planConstantIntake(baseline, baseline.maintenanceIntakeKcal + deltaKcalPerDay, days);

const H1 = hallBaseline({
  sex: "male",
  ageYears: 35,
  heightCm: 180,
  weightKg: 90,
  bodyFatPercent: null,
  energy: { physicalActivityLevel: 1.6 },
});

describe("planner over the Hall model", () => {
  it("maintenance intake is PAL × RMR (2971.04 for H1)", () => {
    expect(H1.maintenanceIntakeKcal).toBeCloseTo(2971.04, 8);
  });

  it("a maintenance intake given directly is used as-is and implies the PAL", () => {
    const fromIntake = hallBaseline({
      sex: "male",
      ageYears: 35,
      heightCm: 180,
      weightKg: 90,
      bodyFatPercent: null,
      energy: { maintenanceIntakeKcal: 2971.04 },
    });
    expect(fromIntake.physicalActivityLevel).toBeCloseTo(1.6, 10);
    expect(planIntakeChange(fromIntake, -500, 28).trajectory.at(-1)?.weightKg).toBeCloseTo(88.108, 3);
  });

  it("constant intake change and constant intake agree (H1b d28 = 88.11)", () => {
    const change = planIntakeChange(H1, -500, 28);
    const constant = planConstantIntake(H1, 2471.04, 28);
    expect(change.intakeKcalPerDay).toBeCloseTo(2471.04, 8);
    expect(change.trajectory.at(-1)?.weightKg).toBeCloseTo(constant.trajectory.at(-1)?.weightKg ?? 0, 10);
    expect(Math.abs((change.trajectory.at(-1)?.weightKg ?? 0) - 88.11)).toBeLessThanOrEqual(0.01);
    expect(change.flags).toEqual([]);
  });

  it("target weight: reaching the H1b day-364 weight needs ΔEI ≈ −500", () => {
    const plan = planForTargetWeight(H1, 76.867, 364);
    expect(plan.reachable).toBe(true);
    if (!plan.reachable) return;
    expect(Math.abs(plan.deltaIntakeKcalPerDay + 500)).toBeLessThanOrEqual(1);
    expect(Math.abs((plan.trajectory.at(-1)?.weightKg ?? 0) - 76.867)).toBeLessThanOrEqual(0.01);
  });

  it("aggressive targets are flagged by the guardrails", () => {
    const fast = planForTargetWeight(H1, 80, 84);
    expect(fast.reachable && fast.flags).toEqual(["deficit-above-1000-kcal-per-day"]);
    const faster = planForTargetWeight(H1, 75, 84);
    expect(faster.reachable).toBe(true);
    if (!faster.reachable) return;
    expect(faster.intakeKcalPerDay).toBeLessThan(1500);
    expect(faster.flags).toEqual(["deficit-above-1000-kcal-per-day", "intake-below-floor"]);
  });

  it("weight gain targets work the same way", () => {
    const plan = planForTargetWeight(H1, 95, 84);
    expect(plan.reachable && plan.deltaIntakeKcalPerDay).toBeGreaterThan(0);
  });

  it("a target even fasting cannot reach is reported as unreachable", () => {
    const plan = planForTargetWeight(H1, 60, 28);
    expect(plan).toMatchObject({ reachable: false, reason: "needs-negative-intake" });
    if (plan.reachable) return;
    expect(plan.closestWeightKg).toBeGreaterThan(60);
  });
});

describe("docs/science.md §5.6 guardrails", () => {
  it("deficit above 1000 kcal/day", () => {
    expect(guardrailFlags({ sex: "male", meanDeficitKcalPerDay: 1001, intakeKcalPerDay: 2000 })).toEqual(["deficit-above-1000-kcal-per-day"]);
    expect(guardrailFlags({ sex: "male", meanDeficitKcalPerDay: 1000, intakeKcalPerDay: 2000 })).toEqual([]);
  });

  it("intake floors: 1,200 women, 1,500 men", () => {
    expect(guardrailFlags({ sex: "female", meanDeficitKcalPerDay: 500, intakeKcalPerDay: 1300 })).toEqual([]);
    expect(guardrailFlags({ sex: "male", meanDeficitKcalPerDay: 500, intakeKcalPerDay: 1300 })).toEqual(["intake-below-floor"]);
    expect(guardrailFlags({ sex: "female", meanDeficitKcalPerDay: null, intakeKcalPerDay: 1199 })).toEqual(["intake-below-floor"]);
  });

  it("unknown inputs raise no flag", () => {
    expect(guardrailFlags({ sex: "female", meanDeficitKcalPerDay: null, intakeKcalPerDay: null })).toEqual([]);
  });
});
