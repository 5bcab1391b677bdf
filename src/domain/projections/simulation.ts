import { DAYS_PER_WEEK } from "../../lib/calendar.js";
import type { Sex } from "../energy/bmr.js";
import type { GuardrailFlag } from "./guardrails.js";
import { type HallBaseline, type HallBaselineEnergy, hallBaseline, hallRmrKcal } from "./hall-baseline.js";
import {
  ADAPTIVE_THERMOGENESIS_FRACTION,
  ECF_CARB_GAIN_MG_PER_L_DAY,
  ECF_SODIUM_GAIN_MG_PER_L_DAY,
  FAT_MAINTENANCE_KCAL_PER_KG_DAY,
  GLYCOGEN_WEIGHT_PER_KG,
  LEAN_MAINTENANCE_KCAL_PER_KG_DAY,
  TEF_FRACTION,
} from "./hall-constants.js";
import { type HallState, weeklyStates } from "./hall-model.js";
import { type IntakePlanResult, planConstantIntake, planForTargetWeight } from "./planner.js";
import { rule3500WeightChangeKg } from "./rule3500.js";

export interface SimulationPerson {
  sex: Sex;
  ageYears: number;
  heightCm: number;
  weightKg: number;
  /** Null seeds the Hall model with Jackson 2002, as the NIH Body Weight Planner does. */
  bodyFatPercent: number | null;
  /** Maintenance: PAL × RMR, or a known maintenance intake (calibrated or measured). */
  energy: HallBaselineEnergy;
}

export type SimulationGoal =
  | { kind: "change"; intakeChangeKcal: number }
  | { kind: "intake"; intakeKcal: number }
  | { kind: "target"; targetWeightKg: number; targetDays: number };

export interface DynamicPoint {
  week: number;
  weight_kg: number;
  fat_mass_kg: number;
  lean_mass_kg: number;
}

export interface SimulationResult {
  rmrKcal: number;
  maintenanceIntakeKcal: number;
  /** Maintenance ÷ RMR: the PAL given, or the one the person's own maintenance implies. */
  physicalActivityLevel: number;
  fatMassKg: number;
  intakeKcal: number;
  dynamic: DynamicPoint[];
  rule3500: { week: number; weight_kg: number }[];
  flags: GuardrailFlag[];
  target: { requiredIntakeKcal: number; maintenanceAfterKcal: number; weightAtTargetKg: number } | null;
}

export type SimulationOutcome =
  | { ok: true; result: SimulationResult }
  | { ok: false; reason: "needs-negative-intake" | "needs-intake-above-limit"; closestWeightKg: number };

export function simulationBaseline(person: SimulationPerson): HallBaseline {
  return hallBaseline(person);
}

/** Hall model and 3,500-kcal rule side by side for weeks 0..weeks (week k = day 7k). Throws RangeError on bad input. */
export function simulate(person: SimulationPerson, goal: SimulationGoal, weeks: number): SimulationOutcome {
  const baseline = simulationBaseline(person);
  let intakeKcal: number;
  let target: SimulationResult["target"] = null;
  if (goal.kind === "target") {
    const plan = planForTargetWeight(baseline, goal.targetWeightKg, goal.targetDays);
    if (!plan.reachable) return { ok: false, reason: plan.reason, closestWeightKg: plan.closestWeightKg };
    const atTarget = plan.trajectory.at(-1) ?? stateAtBaseline(baseline);
    intakeKcal = plan.intakeKcalPerDay;
    target = {
      requiredIntakeKcal: plan.intakeKcalPerDay,
      maintenanceAfterKcal: maintenanceIntakeAtStateKcal(baseline, atTarget),
      weightAtTargetKg: atTarget.weightKg,
    };
  } else {
    intakeKcal = goal.kind === "change" ? baseline.maintenanceIntakeKcal + goal.intakeChangeKcal : goal.intakeKcal;
  }
  const plan: IntakePlanResult = planConstantIntake(baseline, intakeKcal, weeks * DAYS_PER_WEEK);
  const deltaKcal = intakeKcal - baseline.maintenanceIntakeKcal;
  return {
    ok: true,
    result: {
      rmrKcal: hallRmrKcal(person),
      maintenanceIntakeKcal: baseline.maintenanceIntakeKcal,
      physicalActivityLevel: baseline.physicalActivityLevel,
      fatMassKg: baseline.fatMassKg,
      intakeKcal,
      dynamic: weeklyStates(plan.trajectory).map((s) => ({
        week: s.day / DAYS_PER_WEEK,
        weight_kg: s.weightKg,
        fat_mass_kg: s.fatMassKg,
        lean_mass_kg: s.weightKg - s.fatMassKg,
      })),
      rule3500: Array.from({ length: weeks + 1 }, (_, week) => ({
        week,
        weight_kg: person.weightKg + rule3500WeightChangeKg(deltaKcal * DAYS_PER_WEEK * week),
      })),
      flags: plan.flags,
      target,
    },
  };
}

// The model at rest with intake E: AT = β_AT·(E − EI₀), glycogen √(E/EI₀)·G₀, ECF shifted by the carbohydrate
// term, and tissue balance 0. Solving for E gives the intake that holds this fat and lean mass (docs/science.md §5.3).
const FIXED_POINT_ITERATIONS = 8;

/** Intake that keeps a state's fat and lean mass where they are, once glycogen, water and adaptation settle. */
export function maintenanceIntakeAtStateKcal(baseline: HallBaseline, state: HallState): number {
  const ei0 = baseline.maintenanceIntakeKcal;
  const adaptive = TEF_FRACTION + ADAPTIVE_THERMOGENESIS_FRACTION;
  const tissueKcal = LEAN_MAINTENANCE_KCAL_PER_KG_DAY * state.leanMassKg + FAT_MAINTENANCE_KCAL_PER_KG_DAY * state.fatMassKg;
  let intakeKcal = ei0;
  for (let i = 0; i < FIXED_POINT_ITERATIONS; i += 1) {
    const ratio = Math.max(intakeKcal, 0) / ei0;
    const glycogenKg = baseline.glycogenKg * Math.sqrt(ratio);
    const ecfKg = baseline.extracellularFluidKg - (ECF_CARB_GAIN_MG_PER_L_DAY * (1 - ratio)) / ECF_SODIUM_GAIN_MG_PER_L_DAY;
    const weightKg = state.fatMassKg + state.leanMassKg + ecfKg + GLYCOGEN_WEIGHT_PER_KG * glycogenKg;
    const expenditureKcal = baseline.residualExpenditureKcal + baseline.activityKcalPerKgDay * weightKg + tissueKcal;
    intakeKcal = (expenditureKcal - adaptive * ei0) / (1 - adaptive);
  }
  return intakeKcal;
}

function stateAtBaseline(baseline: HallBaseline): HallState {
  return {
    day: 0,
    weightKg: baseline.weightKg,
    fatMassKg: baseline.fatMassKg,
    leanMassKg: baseline.leanMassKg,
    glycogenKg: baseline.glycogenKg,
    extracellularFluidKg: baseline.extracellularFluidKg,
    adaptiveThermogenesisKcal: 0,
  };
}
