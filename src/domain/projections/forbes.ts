import { requirePositive } from "../guards.js";
import { FAT_KCAL_PER_KG, FORBES_LEAN_COEFFICIENT_KG, LEAN_KCAL_PER_KG } from "./hall-constants.js";

export interface TissueChange {
  weightKg: number;
  fatKg: number;
  leanKg: number;
}

/** Lean share of a small weight change at fat mass F: m_L = 10.4 / (10.4 + F) (docs/science.md §5.2). */
export function leanFractionOfChange(fatMassKg: number): number {
  return FORBES_LEAN_COEFFICIENT_KG / (FORBES_LEAN_COEFFICIENT_KG + requirePositive("fatMassKg", fatMassKg));
}

/** ρ(F): kcal per kg of weight change at fat mass F; 5,554 at 10 kg, 7,478 at 30 kg, 8,128 at 50 kg. */
export function energyDensityOfChangeKcalPerKg(fatMassKg: number): number {
  const leanFraction = leanFractionOfChange(fatMassKg);
  return FAT_KCAL_PER_KG * (1 - leanFraction) + LEAN_KCAL_PER_KG * leanFraction;
}

/**
 * Tissue change for a measured energy imbalance (positive = stored), linearised at fat mass F (TV-W3). Right for a
 * week; over months use forbesFiniteChange or the Hall model, because F itself moves.
 */
export function tissueChangeFromEnergy(energyKcal: number, fatMassKg: number): TissueChange {
  const weightKg = energyKcal / energyDensityOfChangeKcalPerKg(fatMassKg);
  const leanKg = weightKg * leanFractionOfChange(fatMassKg);
  return { weightKg, fatKg: weightKg - leanKg, leanKg };
}
