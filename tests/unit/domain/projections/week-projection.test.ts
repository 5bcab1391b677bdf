import { describe, expect, it } from "vitest";
import { energyDensityOfChangeKcalPerKg } from "../../../../src/domain/projections/forbes.js";
import { MODEL_VERSION } from "../../../../src/domain/projections/hall-model.js";
import type { EnergyDayFacts } from "../../../../src/domain/projections/week-facts.js";
import { projectWeek, type WeekProjectionInput, type WeekProjectionRow } from "../../../../src/domain/projections/week-projection.js";
import { addDays, weekEndOf } from "../../../../src/lib/calendar.js";

const WEEK = "2026-11-16";
// TV-H H1: male, 35 y on the week's Sunday, 1.80 m, 90 kg, Jackson body fat (F₀ 22.49 kg), EI₀ = 1.6 × 1856.9.
const H1_PROFILE = { sex: "male" as const, birthDate: "1991-01-01", heightCm: 180, weightKg: 90 };
const H1_MAINTENANCE_KCAL = 1.6 * 1856.9;
// H1b weekly weights, weeks 0–12 (TV-H, abs 0.01 kg).
const H1B_WEEKLY_KG = [90.0, 89.223, 88.834, 88.464, 88.108, 87.761, 87.423, 87.092, 86.767, 86.448, 86.134, 85.825, 85.522];

function days(
  from: string,
  n: number,
  burnedKcal: number,
  intakeKcal: number | null,
  status: EnergyDayFacts["status"] = "complete",
): EnergyDayFacts[] {
  return Array.from({ length: n }, (_, i) => ({
    localDate: addDays(from, i),
    status,
    burnedKcal,
    burnedLowKcal: burnedKcal * 0.9,
    burnedHighKcal: burnedKcal * 1.1,
    intakeKcal,
    deficitKcal: intakeKcal === null ? null : burnedKcal - intakeKcal,
    flags: [],
    flagsConfirmed: false,
  }));
}

function input(overrides: Partial<WeekProjectionInput>): WeekProjectionInput {
  return { weekStart: WEEK, days: [], weights: [], latestWeightKg: null, measuredBodyFatPercent: null, profile: H1_PROFILE, ...overrides };
}

function byModel(rows: WeekProjectionRow[]) {
  const [rule, dynamic] = rows;
  if (!rule || !dynamic) throw new Error("expected two rows");
  expect(rule.model).toBe("rule3500");
  expect(dynamic.model).toBe("dynamic");
  return { rule, dynamic };
}

describe("a week with fewer than 4 complete logged days", () => {
  it("projects nothing for either model", () => {
    const rows = projectWeek(input({ days: [...days(WEEK, 3, 2600, 2000), ...days(addDays(WEEK, 3), 4, 2600, null, "no_intake")] }));
    for (const row of rows) {
      expect(row).toMatchObject({ status: "insufficient_data", loggedDays: 3, meanDeficitKcal: null, projectedChangeKg: null, trajectory: [] });
      expect(row.flags).toEqual(["insufficient_data"]);
      expect(row.calibrationFactor).toBeNull();
    }
  });
});

describe("a measured mean deficit of 450 kcal/day (intake 2471.04, burn 2921.04), H1 body", () => {
  // ΔEI = −450 / (1 − 0.1) = −500 from maintenance 2471.04 + 500 = 2971.04 = EI₀ of TV-H H1: the row must be H1b.
  const rows = projectWeek(input({ days: days(WEEK, 7, 2921.04, 2471.04), latestWeightKg: 90 }));
  const { rule, dynamic } = byModel(rows);

  it("rule3500: 450 × 7 / 3500 = 0.9 lb (0.408233 kg) a week, for 12 weeks from the latest weight", () => {
    expect(rule.status).toBe("projected");
    expect(rule.meanDeficitKcal).toBeCloseTo(450, 9);
    expect(rule.loggedDays).toBe(7);
    expect(rule.projectedChangeKg).toBeCloseTo(-0.9 * 0.45359237, 9);
    expect(rule.trajectory).toHaveLength(13);
    expect(rule.trajectory[12]).toEqual({ week: 12, weight_kg: expect.closeTo(90 - 12 * 0.408233, 5), fat_mass_kg: null, lean_mass_kg: null });
    expect(rule.modelVersion).toBe("rule3500-kcal-per-lb/1");
    expect(rule.flags).toEqual([]);
  });

  it("dynamic: the Hall trajectory is TV-H H1b (ΔEI −500) week by week", () => {
    expect(dynamic.status).toBe("projected");
    expect(dynamic.trajectory.map((p) => p.week)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    dynamic.trajectory.forEach((p, i) => {
      expect(Math.abs(p.weight_kg - (H1B_WEEKLY_KG[i] ?? 0))).toBeLessThanOrEqual(0.01);
    });
    for (const p of dynamic.trajectory) expect((p.fat_mass_kg ?? 0) + (p.lean_mass_kg ?? 0)).toBeCloseTo(p.weight_kg, 9);
    expect(dynamic.trajectory[0]?.fat_mass_kg).toBeCloseTo(22.49, 2);
    expect(dynamic.inputs).toMatchObject({
      intake_change_kcal: expect.closeTo(-500, 9),
      maintenance_intake_kcal: expect.closeTo(H1_MAINTENANCE_KCAL, 9),
    });
    expect(dynamic.inputs).toMatchObject({ body_fat_source: "jackson-2002", weight_source: "measured", age_years: 35, calibration_applied: false });
    expect(dynamic.modelVersion).toBe(MODEL_VERSION);
  });

  it("dynamic: the week's change is the imbalance over ρ(F) (TV-W3: F 22.49 → 0.4979 kg per 3,500 kcal)", () => {
    expect(dynamic.projectedChangeKg).toBeCloseTo(-0.4979 * (3150 / 3500), 3);
  });
});

describe("guardrails and missing inputs", () => {
  it("flags a deficit above 1000 kcal/day and an intake under the floor (1,200 women)", () => {
    const profile = { sex: "female" as const, birthDate: "1990-01-01", heightCm: 165, weightKg: 70 };
    const { rule, dynamic } = byModel(projectWeek(input({ profile, days: days(WEEK, 5, 2200, 1100) })));
    expect(rule.flags).toEqual(["deficit_above_1000_kcal_per_day", "intake_below_floor"]);
    expect(dynamic.flags).toEqual(["deficit_above_1000_kcal_per_day", "intake_below_floor"]);
    expect(rule.trajectory[0]?.weight_kg).toBe(70); // no weigh-in: the profile's weight
    expect(dynamic.inputs).toMatchObject({ weight_source: "profile" });
  });

  it("without sex or height the dynamic row is insufficient and says what is missing; rule3500 still projects", () => {
    const profile = { sex: null, birthDate: null, heightCm: null, weightKg: null };
    const { rule, dynamic } = byModel(projectWeek(input({ profile, days: days(WEEK, 4, 2500, 2000) })));
    expect(rule).toMatchObject({ status: "projected", trajectory: [], flags: ["no_weight"] });
    expect(rule.projectedChangeKg).toBeCloseTo((-500 * 7 * 0.45359237) / 3500, 9);
    expect(dynamic).toMatchObject({ status: "insufficient_data", meanDeficitKcal: 500, flags: ["incomplete_profile"] });
    expect(dynamic.inputs).toEqual({ missing: ["sex", "birth_date", "height_cm", "weight_kg"] });
  });
});

describe("calibration after 14 days of weights and intake", () => {
  // 28 days: burn 2600, intake 2000, weights 80 − 0.05·i; body fat measured 25 %.
  const windowFrom = addDays(weekEndOf(WEEK), -27);
  const energy = days(windowFrom, 28, 2600, 2000);
  const weights = energy.map((d, i) => ({ localDate: d.localDate, weightKg: 80 - 0.05 * i }));
  const latestKg = 80 - 0.05 * 27;
  const rows = projectWeek(input({ days: energy, weights, latestWeightKg: latestKg, measuredBodyFatPercent: 25 }));
  const { rule, dynamic } = byModel(rows);
  const rho = energyDensityOfChangeKcalPerKg(0.25 * latestKg);
  const factor = (2000 + 0.05 * rho) / 2600;

  it("both rows carry the factor; only the dynamic row uses it and says so", () => {
    expect(rule.calibrationFactor).toBeCloseTo(factor, 9);
    expect(dynamic.calibrationFactor).toBeCloseTo(factor, 9);
    expect(rule.flags).not.toContain("calibrated");
    expect(rule.projectedChangeKg).toBeCloseTo((-600 * 7 * 0.45359237) / 3500, 9);
    expect(dynamic.flags).toContain("calibrated");
    expect(dynamic.inputs).toMatchObject({
      calibration_applied: true,
      body_fat_source: "measured",
      burn_used_kcal: expect.closeTo(factor * 2600, 6),
      deficit_used_kcal: expect.closeTo(factor * 2600 - 2000, 6),
      intake_change_kcal: expect.closeTo(-(factor * 2600 - 2000) / 0.9, 6),
    });
  });

  it("the observed trend change and the calibrated dynamic week change sit next to each other", () => {
    expect(dynamic.observedChangeKg).not.toBeNull();
    expect(dynamic.observedChangeKg).toBe(rule.observedChangeKg);
    expect(dynamic.projectedChangeKg).toBeCloseTo((-7 * (factor * 2600 - 2000)) / rho, 6);
  });

  it("the rule's range comes from the days' burn ranges; the calibrated row's is narrower (a perfect fit: ±5 %)", () => {
    // Days' burn 2,340–2,860 (±10 %), intake 2,000: deficits 340–860 kcal/day.
    expect(rule.projectedChangeLowKg).toBeCloseTo((-860 * 7 * 0.45359237) / 3500, 9);
    expect(rule.projectedChangeHighKg).toBeCloseTo((-340 * 7 * 0.45359237) / 3500, 9);
    const burn = factor * 2600;
    expect(dynamic.projectedChangeLowKg).toBeCloseTo((-7 * (burn * 1.05 - 2000)) / rho, 6);
    expect(dynamic.projectedChangeHighKg).toBeCloseTo((-7 * (burn * 0.95 - 2000)) / rho, 6);
    expect(dynamic.inputs).toMatchObject({ calibration: expect.objectContaining({ tdee_half_width_kcal: expect.closeTo(0, 6) }) });
  });
});
