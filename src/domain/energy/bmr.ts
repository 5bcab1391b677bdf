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

/** Harris & Benedict 1919, original coefficients (docs/science.md §3.1). */
export const HARRIS_BENEDICT_1919: Readonly<Record<Sex, LinearEnergyEquation>> = {
  male: { interceptKcal: 66.473, kcalPerKg: 13.7516, kcalPerCm: 5.0033, kcalPerYear: -6.755 },
  female: { interceptKcal: 655.0955, kcalPerKg: 9.5634, kcalPerCm: 1.8496, kcalPerYear: -4.6756 },
};

/** Harris–Benedict revised by Roza & Shizgal 1984 (docs/science.md §3.1). */
export const HARRIS_BENEDICT_REVISED: Readonly<Record<Sex, LinearEnergyEquation>> = {
  male: { interceptKcal: 88.362, kcalPerKg: 13.397, kcalPerCm: 4.799, kcalPerYear: -5.677 },
  female: { interceptKcal: 447.593, kcalPerKg: 9.247, kcalPerCm: 3.098, kcalPerYear: -4.33 },
};

/** NASEM 2023 DRI total energy expenditure, "inactive" PAL band (<1.53). Secondary source: verify against NAP 26818. */
export const NASEM_2023_INACTIVE_TEE: Readonly<Record<Sex, LinearEnergyEquation>> = {
  male: { interceptKcal: 753.07, kcalPerKg: 14.1, kcalPerCm: 6.5, kcalPerYear: -10.83 },
  female: { interceptKcal: 584.9, kcalPerKg: 11.71, kcalPerCm: 5.72, kcalPerYear: -7.01 },
};

/** Katch–McArdle intercept, kcal/day (docs/science.md §3.1; numerically Cunningham 1991). */
export const KATCH_MCARDLE_INTERCEPT_KCAL = 370;
/** Katch–McArdle slope, kcal/day per kg lean body mass. */
export const KATCH_MCARDLE_KCAL_PER_KG_LEAN = 21.6;
/** Cunningham 1980 intercept, kcal/day (docs/science.md §3.1). */
export const CUNNINGHAM_INTERCEPT_KCAL = 500;
/** Cunningham 1980 slope, kcal/day per kg lean body mass. */
export const CUNNINGHAM_KCAL_PER_KG_LEAN = 22;

/** Classic BMR multipliers (docs/science.md §3.1); they already contain exercise, so never add watch kcal on top. */
export const ACTIVITY_FACTORS = {
  sedentary: 1.2,
  light: 1.375,
  moderate: 1.55,
  veryActive: 1.725,
  extraActive: 1.9,
} as const;
export type ActivityLevel = keyof typeof ACTIVITY_FACTORS;

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

export function harrisBenedict1919BmrKcal(body: BodyInput): number {
  return evaluateEquationKcal(HARRIS_BENEDICT_1919, body);
}

export function harrisBenedictRevisedBmrKcal(body: BodyInput): number {
  return evaluateEquationKcal(HARRIS_BENEDICT_REVISED, body);
}

export function nasemInactiveTeeKcal(body: BodyInput): number {
  return evaluateEquationKcal(NASEM_2023_INACTIVE_TEE, body);
}

export function katchMcArdleBmrKcal(leanMassKg: number): number {
  requirePositive("leanMassKg", leanMassKg);
  return KATCH_MCARDLE_INTERCEPT_KCAL + KATCH_MCARDLE_KCAL_PER_KG_LEAN * leanMassKg;
}

export function cunninghamBmrKcal(leanMassKg: number): number {
  requirePositive("leanMassKg", leanMassKg);
  return CUNNINGHAM_INTERCEPT_KCAL + CUNNINGHAM_KCAL_PER_KG_LEAN * leanMassKg;
}

export function tdeeFromActivityFactorKcal(bmrKcal: number, level: ActivityLevel): number {
  return bmrKcal * ACTIVITY_FACTORS[level];
}

/**
 * Basal energy accrued over `hours` of a day at a daily rate: 23 or 25 on DST days (TV-D7), the hours elapsed so far
 * on the current day (TV-D8). Device basal sums are taken as-is and never pass through here.
 */
export function proRateDailyKcal(kcalPerDay: number, hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be zero or positive, got ${hours}`);
  return (kcalPerDay * hours) / HOURS_PER_DAY;
}
