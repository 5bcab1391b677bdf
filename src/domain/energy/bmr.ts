import { requirePositive } from "../guards.js";
import { HOURS_PER_DAY } from "../units.js";

export type Sex = "male" | "female";

export interface BodyInput {
  sex: Sex;
  weightKg: number;
  heightCm: number;
  ageYears: number;
}

/** Coefficients of the linear resting-energy equations below; every term is kcal/day. */
export interface LinearEnergyEquation {
  interceptKcal: number;
  kcalPerKg: number;
  kcalPerCm: number;
  kcalPerYear: number;
}

/** Mifflin et al., AJCN 1990;51:241 (docs/science.md §3.1). */
export const MIFFLIN_ST_JEOR: Readonly<Record<Sex, LinearEnergyEquation>> = {
  male: { interceptKcal: 5, kcalPerKg: 10, kcalPerCm: 6.25, kcalPerYear: -5 },
  female: { interceptKcal: -161, kcalPerKg: 10, kcalPerCm: 6.25, kcalPerYear: -5 },
};

function evaluateEquationKcal(equation: Readonly<Record<Sex, LinearEnergyEquation>>, body: BodyInput): number {
  requirePositive("weightKg", body.weightKg);
  requirePositive("heightCm", body.heightCm);
  requirePositive("ageYears", body.ageYears);
  const c = equation[body.sex];
  return c.interceptKcal + c.kcalPerKg * body.weightKg + c.kcalPerCm * body.heightCm + c.kcalPerYear * body.ageYears;
}

export function mifflinStJeorBmrKcal(body: BodyInput): number {
  return evaluateEquationKcal(MIFFLIN_ST_JEOR, body);
}

/**
 * Basal energy accrued over `hours` of a day at a daily rate: 23 or 25 on DST days (TV-D7), the hours elapsed so far
 * on the current day (TV-D8). Device basal sums are taken as-is and never pass through here.
 */
export function proRateDailyKcal(kcalPerDay: number, hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be zero or positive, got ${hours}`);
  return (kcalPerDay * hours) / HOURS_PER_DAY;
}
