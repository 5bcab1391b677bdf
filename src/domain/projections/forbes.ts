import { requirePositive } from "../guards.js";
import { FAT_KCAL_PER_KG, FORBES_LEAN_COEFFICIENT_KG, LEAN_KCAL_PER_KG } from "./hall-constants.js";

export interface TissueChange {
  weightKg: number;
  fatKg: number;
  leanKg: number;
}

export interface FiniteForbesChange extends TissueChange {
  /** Energy of the change per kg of weight, kcal/kg. */
  energyDensityKcalPerKg: number;
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

/** Finite Forbes partition: solves (F₁ − F₀) + 10.4·ln(F₁/F₀) = ΔBW for F₁ by bisection (TV-W4). */
export function forbesFiniteChange(initialFatMassKg: number, weightChangeKg: number): FiniteForbesChange {
  requirePositive("initialFatMassKg", initialFatMassKg);
  if (!Number.isFinite(weightChangeKg)) throw new RangeError("weightChangeKg must be finite");
  const residual = (fatKg: number): number =>
    fatKg - initialFatMassKg + FORBES_LEAN_COEFFICIENT_KG * Math.log(fatKg / initialFatMassKg) - weightChangeKg;
  let lo = Number.MIN_VALUE;
  let hi = initialFatMassKg + Math.abs(weightChangeKg) + 1;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i += 1) {
    const mid = (lo + hi) / 2;
    if (residual(mid) > 0) hi = mid;
    else lo = mid;
  }
  const fatKg = (lo + hi) / 2 - initialFatMassKg;
  const leanKg = weightChangeKg - fatKg;
  const energyDensityKcalPerKg =
    weightChangeKg === 0
      ? energyDensityOfChangeKcalPerKg(initialFatMassKg)
      : (fatKg * FAT_KCAL_PER_KG + leanKg * LEAN_KCAL_PER_KG) / weightChangeKg;
  return { weightKg: weightChangeKg, fatKg, leanKg, energyDensityKcalPerKg };
}
