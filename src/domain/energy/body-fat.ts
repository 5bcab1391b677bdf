import { requirePositive } from "../guards.js";
import type { BodyInput, Sex } from "./bmr.js";

interface JacksonCoefficients {
  percentPerYear: number;
  percentPerLnBmi: number;
  interceptPercent: number;
}

/** Jackson et al. 2002 body-fat % from BMI and age, as the NIH Body Weight Planner uses it (bw, docs/science.md §3.2). */
export const JACKSON_2002: Readonly<Record<Sex, JacksonCoefficients>> = {
  male: { percentPerYear: 0.14, percentPerLnBmi: 37.31, interceptPercent: -103.94 },
  female: { percentPerYear: 0.14, percentPerLnBmi: 39.96, interceptPercent: -102.01 },
};

export type BodyFatSource = "measured" | "jackson-2002";

export interface BodyComposition {
  bodyFatPercent: number;
  fatMassKg: number;
  leanMassKg: number;
  source: BodyFatSource;
}

export function bmiKgPerM2(weightKg: number, heightCm: number): number {
  requirePositive("weightKg", weightKg);
  const heightM = requirePositive("heightCm", heightCm) / 100;
  return weightKg / (heightM * heightM);
}

export function jacksonBodyFatPercent(body: BodyInput): number {
  requirePositive("ageYears", body.ageYears);
  const c = JACKSON_2002[body.sex];
  const bmi = bmiKgPerM2(body.weightKg, body.heightCm);
  return c.percentPerYear * body.ageYears + c.percentPerLnBmi * Math.log(bmi) + c.interceptPercent;
}

export function jacksonFatMassKg(body: BodyInput): number {
  return (body.weightKg * jacksonBodyFatPercent(body)) / 100;
}

export function leanMassKg(weightKg: number, bodyFatPercent: number): number {
  requirePositive("weightKg", weightKg);
  if (!(bodyFatPercent >= 0 && bodyFatPercent < 100)) {
    throw new RangeError(`bodyFatPercent must be in [0, 100), got ${bodyFatPercent}`);
  }
  return weightKg * (1 - bodyFatPercent / 100);
}

/** A measured body-fat percentage wins; the Jackson estimate only seeds the profile when nothing was measured. */
export function bodyComposition(body: BodyInput, measuredBodyFatPercent: number | null): BodyComposition {
  const source: BodyFatSource = measuredBodyFatPercent === null ? "jackson-2002" : "measured";
  const bodyFatPercent = measuredBodyFatPercent ?? jacksonBodyFatPercent(body);
  const lean = leanMassKg(body.weightKg, bodyFatPercent);
  return { bodyFatPercent, fatMassKg: body.weightKg - lean, leanMassKg: lean, source };
}
