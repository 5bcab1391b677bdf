// Plausibility of a day's intake and burn for this person (docs/science.md §2.2). A flagged day stays visible but
// is left out of means, calibration and projections until the person confirms it.

export const DAY_FLAGS = ["implausible_intake", "implausible_burn"] as const;
export type DayFlag = (typeof DAY_FLAGS)[number];

export function isDayFlag(value: string): value is DayFlag {
  return (DAY_FLAGS as readonly string[]).includes(value);
}

/**
 * Intake ceiling, kcal/day: above the highest daily intake measured in the Tour de France (32.4 MJ ≈ 7,740 kcal,
 * Saris 1989), with margin.
 */
export const INTAKE_MAX_KCAL = 10_000;
/** Intake above this multiple of the day's expenditure (or full-day BMR, whichever is larger) is implausible. */
export const INTAKE_MAX_MULTIPLE_OF_BURN = 3;
/**
 * Burn ceiling as a multiple of BMR: above the highest sustained expenditure measured with doubly labelled water,
 * 4.3–5.3 × BMR in the Tour de France (Westerterp 1986).
 */
export const BURN_MAX_MULTIPLE_OF_BMR = 5.5;
/** Burn ceiling without a profile, kcal/day: the same peak days (32.7 MJ ≈ 7,800 kcal, Saris 1989), with margin. */
export const BURN_MAX_KCAL = 10_000;
/**
 * A whole, covered day cannot burn less than the resting rate (PAL = TEE / BMR ≥ 1 by definition, FAO/WHO/UNU
 * 2004); below 0.8 × the predicted BMR is beyond the equation's own error too (Frankenfield 2005).
 */
export const BURN_MIN_FRACTION_OF_BMR = 0.8;

export interface DayPlausibilityInput {
  intakeKcal: number | null;
  burnedKcal: number | null;
  /** Formula BMR over the whole local day (pro-rated by its length); null without a full profile. */
  bmrDayKcal: number | null;
  /** True for a finished day the wearable covered: only then can a low burn be judged. */
  wholeDay: boolean;
}

export function implausibleIntake(input: DayPlausibilityInput): boolean {
  if (input.intakeKcal === null) return false;
  if (input.intakeKcal > INTAKE_MAX_KCAL) return true;
  const reference = Math.max(input.burnedKcal ?? 0, input.bmrDayKcal ?? 0);
  return reference > 0 && input.intakeKcal > INTAKE_MAX_MULTIPLE_OF_BURN * reference;
}

export function implausibleBurn(input: DayPlausibilityInput): boolean {
  const { burnedKcal, bmrDayKcal } = input;
  if (burnedKcal === null) return false;
  if (burnedKcal > BURN_MAX_KCAL) return true;
  if (bmrDayKcal === null) return false;
  if (burnedKcal > BURN_MAX_MULTIPLE_OF_BMR * bmrDayKcal) return true;
  return input.wholeDay && burnedKcal < BURN_MIN_FRACTION_OF_BMR * bmrDayKcal;
}

export function dayFlags(input: DayPlausibilityInput): DayFlag[] {
  return [...(implausibleIntake(input) ? (["implausible_intake"] as const) : []), ...(implausibleBurn(input) ? (["implausible_burn"] as const) : [])];
}

/** A flagged day counts once every one of its flags was confirmed; a day without flags always counts. */
export function flagsConfirmed(flags: readonly DayFlag[], confirmed: readonly string[]): boolean {
  return flags.every((f) => confirmed.includes(f));
}

/** Whether a day may enter means, calibration and projections as far as its flags go. */
export function flagsCleared(day: { flags: readonly string[]; flagsConfirmed: boolean }): boolean {
  return day.flags.length === 0 || day.flagsConfirmed;
}
