import { requireNonNegative, requirePositive } from "../guards.js";
import { MINUTES_PER_HOUR, ML_PER_LITRE } from "../units.js";

/** 1 MET ≈ 1 kcal per kg per hour: the Compendium's own shorthand (docs/science.md §3.4). */
export const KCAL_PER_KG_HOUR_PER_MET = 1;
/** 1 MET = 3.5 mL O2 per kg per min (Compendium definition). */
export const O2_ML_PER_KG_MIN_PER_MET = 3.5;
/** Energy equivalent of oxygen (ACSM rounding, docs/science.md §3.4), kcal per litre O2. */
export const KCAL_PER_LITRE_O2 = 5;

/**
 * "kcal-per-kg-hour": MET × kg × h. "oxygen": MET × 3.5 mL/kg/min × 5 kcal/L, which is 5 % higher.
 * The two differ, so every caller names the one it uses (TV-M).
 */
export type MetConvention = "kcal-per-kg-hour" | "oxygen";

export interface MetActivity {
  met: number;
  weightKg: number;
  durationMin: number;
}

function kcalPerKgHourPerMet(convention: MetConvention): number {
  return convention === "kcal-per-kg-hour"
    ? KCAL_PER_KG_HOUR_PER_MET
    : (O2_ML_PER_KG_MIN_PER_MET * MINUTES_PER_HOUR * KCAL_PER_LITRE_O2) / ML_PER_LITRE;
}

function metKcal(metAboveZero: number, activity: MetActivity, convention: MetConvention): number {
  requirePositive("weightKg", activity.weightKg);
  requireNonNegative("durationMin", activity.durationMin);
  return metAboveZero * kcalPerKgHourPerMet(convention) * activity.weightKg * (activity.durationMin / MINUTES_PER_HOUR);
}

/** Net of resting ((MET − 1) × kg × h): the only form that may be added to a basal or BMR baseline. */
export function metNetKcal(activity: MetActivity, convention: MetConvention = "kcal-per-kg-hour"): number {
  requirePositive("met", activity.met);
  return metKcal(Math.max(0, activity.met - 1), activity, convention);
}
