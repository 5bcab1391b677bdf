// Weights are stored and computed in kilograms; pounds are an input and a display unit only.
// Answers round a mass to what a bathroom scale resolves: 0.01 kg, and 0.1 lb (≈ 0.045 kg) for the pound value
// derived from it, so a weight entered in pounds reads back as entered (154.3 lb → 69.99 kg → 154.3 lb).

/** International avoirdupois pound (1959 international yard and pound agreement), kg; often rounded to 0.4536. */
export const KG_PER_LB = 0.45359237;

/** Kilograms from international avoirdupois pounds (1 lb = 0.45359237 kg exactly, 1959 definition). */
export function kgFromLb(lb: number): number {
  return lb * KG_PER_LB;
}

/** A mass in kg rounded to 0.01 kg, for answers. */
export function roundKg(kg: number): number {
  return Math.round(kg * 100) / 100;
}

/** A mass in kg as pounds rounded to 0.1 lb, for answers. */
export function lbFromKg(kg: number): number {
  return Math.round((kg / KG_PER_LB) * 10) / 10;
}
