import { leanFractionOfChange } from "./forbes.js";
import type { HallBaseline } from "./hall-baseline.js";
import {
  ADAPTIVE_THERMOGENESIS_FRACTION,
  ECF_CARB_GAIN_MG_PER_L_DAY,
  ECF_SODIUM_GAIN_MG_PER_L_DAY,
  FAT_KCAL_PER_KG,
  FAT_MAINTENANCE_KCAL_PER_KG_DAY,
  FAT_SYNTHESIS_KCAL_PER_KG,
  GLYCOGEN_WEIGHT_PER_KG,
  LEAN_KCAL_PER_KG,
  LEAN_MAINTENANCE_KCAL_PER_KG_DAY,
  LEAN_SYNTHESIS_KCAL_PER_KG,
  TEF_FRACTION,
} from "./hall-constants.js";

/** Time constant of the glycogen/water response, days (research fit of §5.4, [C]: within 0.25 kg of the full model). */
export const FAST_COMPONENT_TAU_DAYS = 3;

export interface ClosedFormParams {
  /** k: extra expenditure per kg of weight, kcal/kg/day. */
  expenditurePerKgKcal: number;
  /** ρ′: energy per kg of weight change incl. synthesis costs, kcal/kg. */
  energyDensityKcalPerKg: number;
  tauDays: number;
  slowSteadyStateKg: number;
  fastSteadyStateKg: number;
}

/** Linearisation of the Hall model around its baseline for a constant intake change (docs/science.md §5.4). */
export function closedFormParams(baseline: HallBaseline, deltaIntakeKcalPerDay: number): ClosedFormParams {
  const leanFraction = leanFractionOfChange(baseline.fatMassKg);
  const expenditurePerKgKcal =
    baseline.activityKcalPerKgDay +
    LEAN_MAINTENANCE_KCAL_PER_KG_DAY * leanFraction +
    FAT_MAINTENANCE_KCAL_PER_KG_DAY * (1 - leanFraction);
  const energyDensityKcalPerKg =
    (FAT_KCAL_PER_KG + FAT_SYNTHESIS_KCAL_PER_KG) * (1 - leanFraction) +
    (LEAN_KCAL_PER_KG + LEAN_SYNTHESIS_KCAL_PER_KG) * leanFraction;
  const intakeRatio = (baseline.maintenanceIntakeKcal + deltaIntakeKcalPerDay) / baseline.maintenanceIntakeKcal;
  if (!(intakeRatio >= 0)) throw new RangeError("the intake change would make intake negative");
  const glycogenWaterKg = GLYCOGEN_WEIGHT_PER_KG * baseline.glycogenKg * (Math.sqrt(intakeRatio) - 1);
  const ecfKg = (ECF_CARB_GAIN_MG_PER_L_DAY * (1 - intakeRatio)) / ECF_SODIUM_GAIN_MG_PER_L_DAY;
  return {
    expenditurePerKgKcal,
    energyDensityKcalPerKg,
    tauDays: energyDensityKcalPerKg / expenditurePerKgKcal,
    slowSteadyStateKg:
      ((1 - TEF_FRACTION - ADAPTIVE_THERMOGENESIS_FRACTION) * deltaIntakeKcalPerDay) / expenditurePerKgKcal,
    fastSteadyStateKg: glycogenWaterKg - ecfKg,
  };
}

/** Weight change after `day` days (negative = loss); within ±0.25 kg of the full model over a year (TV-H). */
export function closedFormWeightChangeKg(baseline: HallBaseline, deltaIntakeKcalPerDay: number, day: number): number {
  const p = closedFormParams(baseline, deltaIntakeKcalPerDay);
  const slowKg = p.slowSteadyStateKg * (1 - Math.exp(-day / p.tauDays));
  const fastKg = p.fastSteadyStateKg * (1 - Math.exp(-day / FAST_COMPONENT_TAU_DAYS));
  return slowKg + fastKg;
}
