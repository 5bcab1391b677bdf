import { requirePositive } from "../guards.js";
import { KJ_PER_KCAL, MINUTES_PER_DAY } from "../units.js";
import type { Sex } from "./bmr.js";

interface KeytelCoefficients {
  interceptKj: number;
  kjPerBpm: number;
  kjPerKg: number;
  kjPerYear: number;
  kjPerVo2Max: number;
}

/** Keytel et al., J Sports Sci 2005;23:289, gross EE in kJ/min, model with VO2max (mL/kg/min). */
export const KEYTEL_WITH_VO2MAX: Readonly<Record<Sex, KeytelCoefficients>> = {
  male: { interceptKj: -95.7735, kjPerBpm: 0.634, kjPerKg: 0.394, kjPerYear: 0.271, kjPerVo2Max: 0.404 },
  female: { interceptKj: -59.3954, kjPerBpm: 0.45, kjPerKg: 0.103, kjPerYear: 0.274, kjPerVo2Max: 0.38 },
};

/** Keytel et al. 2005, gross EE in kJ/min, model without VO2max. */
export const KEYTEL_WITHOUT_VO2MAX: Readonly<Record<Sex, KeytelCoefficients>> = {
  male: { interceptKj: -55.0969, kjPerBpm: 0.6309, kjPerKg: 0.1988, kjPerYear: 0.2017, kjPerVo2Max: 0 },
  female: { interceptKj: -20.4022, kjPerBpm: 0.4472, kjPerKg: -0.1263, kjPerYear: 0.074, kjPerVo2Max: 0 },
};

export interface KeytelInput {
  sex: Sex;
  hrBpm: number;
  weightKg: number;
  ageYears: number;
  /** mL/kg/min; null or absent selects the population model without VO2max. */
  vo2MaxMlKgMin?: number | null;
}

/** Gross EE in kJ/min; validated only for steady work at ~57–90 % HRmax, so only a workout's mean HR goes in (docs/science.md §3.3). */
export function keytelGrossKjPerMin(input: KeytelInput): number {
  requirePositive("weightKg", input.weightKg);
  requirePositive("ageYears", input.ageYears);
  const vo2 = input.vo2MaxMlKgMin ?? null;
  const c = (vo2 === null ? KEYTEL_WITHOUT_VO2MAX : KEYTEL_WITH_VO2MAX)[input.sex];
  return c.interceptKj + c.kjPerBpm * input.hrBpm + c.kjPerKg * input.weightKg + c.kjPerYear * input.ageYears + c.kjPerVo2Max * (vo2 ?? 0);
}

export function keytelGrossKcalPerMin(input: KeytelInput): number {
  return keytelGrossKjPerMin(input) / KJ_PER_KCAL;
}

/** Net kcal of a steady Keytel-estimated workout: gross minus BMR for the same minutes (docs/science.md §3.6). */
export function keytelNetKcal(input: KeytelInput & { bmrKcalPerDay: number; durationMin: number }): number {
  requirePositive("bmrKcalPerDay", input.bmrKcalPerDay);
  if (!(input.durationMin >= 0)) throw new RangeError(`durationMin must be zero or positive, got ${input.durationMin}`);
  const netKcalPerMin = keytelGrossKcalPerMin(input) - input.bmrKcalPerDay / MINUTES_PER_DAY;
  return Math.max(0, netKcalPerMin) * input.durationMin;
}
