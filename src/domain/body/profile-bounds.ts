import { ageYears } from "../../lib/calendar.js";
import type { FieldError } from "../../lib/errors.js";

// Physiological bounds of a profile (docs/science.md §2.4). Every equation behind the numbers is an adult one
// (Mifflin–St Jeor, Keytel, the Hall model), so a profile describes an adult.

/** Youngest age the equations describe, years. */
export const MIN_AGE_YEARS = 18;
/** Oldest verified human lifespan (122 y), years. */
export const MAX_AGE_YEARS = 122;
/** Adult stature, cm: below the range of adults with achondroplasia (Horton 1978), up to the tallest recorded (272 cm). */
export const MIN_ADULT_HEIGHT_CM = 100;
export const MAX_HEIGHT_CM = 272;
/** Lowest BMI compatible with survival is about 12–13 kg/m² (Henry 1990); 10 leaves a margin for the scale. */
export const MIN_BMI_KG_PER_M2 = 10;

export interface ProfileFacts {
  birthDate: string | null;
  heightCm: number | null;
  weightKg: number | null;
  hrRestBpm: number | null;
  hrMaxBpm: number | null;
}

/** What is wrong with a profile as a whole (after a patch is merged), as field errors; empty when it is plausible. */
export function profileProblems(p: ProfileFacts, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (p.birthDate !== null) {
    const age = p.birthDate < today ? ageYears(p.birthDate, today) : -1;
    if (age < MIN_AGE_YEARS || age > MAX_AGE_YEARS) {
      errors.push({
        path: "birth_date",
        message: `must be a past date giving an age of ${MIN_AGE_YEARS}–${MAX_AGE_YEARS} years (the equations are adult ones)`,
      });
    }
  }
  if (p.heightCm !== null && p.weightKg !== null) {
    const bmi = p.weightKg / (p.heightCm / 100) ** 2;
    if (bmi < MIN_BMI_KG_PER_M2) {
      errors.push({
        path: "weight_kg",
        message: `with height_cm ${p.heightCm} gives a BMI of ${bmi.toFixed(1)}, below the ${MIN_BMI_KG_PER_M2} kg/m² a living adult has`,
      });
    }
  }
  if (p.hrRestBpm !== null && p.hrMaxBpm !== null && p.hrRestBpm >= p.hrMaxBpm) {
    errors.push({ path: "hr_rest_bpm", message: `must be below hr_max_bpm (${p.hrMaxBpm})` });
  }
  return errors;
}
