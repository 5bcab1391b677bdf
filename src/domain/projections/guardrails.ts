import type { Sex } from "../energy/bmr.js";

// AHA/ACC/TOS 2013 obesity guideline via a secondary source (docs/science.md §5.6): 500–750 kcal/day deficits,
// 0.5–1 kg/week, intake floors of 1,200 (women) / 1,500 (men) kcal/day without medical supervision.
/** Mean deficits above this are beyond the guideline range with margin, kcal/day. */
export const MAX_MEAN_DEFICIT_KCAL_PER_DAY = 1000;
/** Lowest unsupervised daily intake, kcal/day. */
export const MIN_INTAKE_KCAL_PER_DAY: Readonly<Record<Sex, number>> = { female: 1200, male: 1500 };

export type GuardrailFlag = "deficit-above-1000-kcal-per-day" | "intake-below-floor";

export interface GuardrailInput {
  sex: Sex;
  /** Mean daily deficit (positive = deficit); null when unknown. */
  meanDeficitKcalPerDay: number | null;
  /** Mean or planned daily intake; null when unknown. */
  intakeKcalPerDay: number | null;
}

/** Flags to show next to a projection; they warn, they never change the numbers. */
export function guardrailFlags(input: GuardrailInput): GuardrailFlag[] {
  const flags: GuardrailFlag[] = [];
  if (input.meanDeficitKcalPerDay !== null && input.meanDeficitKcalPerDay > MAX_MEAN_DEFICIT_KCAL_PER_DAY) {
    flags.push("deficit-above-1000-kcal-per-day");
  }
  if (input.intakeKcalPerDay !== null && input.intakeKcalPerDay < MIN_INTAKE_KCAL_PER_DAY[input.sex]) {
    flags.push("intake-below-floor");
  }
  return flags;
}
