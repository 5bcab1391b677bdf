// Honest ranges (docs/science.md §4): each part of a day's burn carries the published error of the method that
// produced it; the parts' bounds add up linearly, because for one person these errors are mostly systematic (the
// same watch, the same equation every day) and do not cancel from day to day.

export type EnergyMethod = "device_active" | "device_basal" | "formula_bmr" | "keytel" | "met" | "steps" | "power";

/** The true value lies in [value × (1 − under), value × (1 + over)]. */
export interface RelativeError {
  under: number;
  over: number;
}

/** Per-method relative error bands, dimensionless (docs/science.md §4.1 has each source). */
export const METHOD_ERROR: Readonly<Record<EnergyMethod, RelativeError>> = {
  // Wrist-worn active energy: MAPE 20–35 % (no device under 20 %, Shcherbina 2017; > 30 %, Germini 2022), biased
  // low in free living (Murakami 2016; Chevance 2022): the true value may lie further above than below.
  device_active: { under: 0.2, over: 0.35 },
  // Platforms derive resting energy from a BMR equation of the profile: the equation's own ±10 % (Frankenfield 2005).
  device_basal: { under: 0.1, over: 0.1 },
  // Mifflin–St Jeor: within ±10 % of measured RMR for most adults (Frankenfield 2005).
  formula_bmr: { under: 0.1, over: 0.1 },
  // Keytel 2005 without VO2max explains ~73 % of the variance (r = 0.857): about ±25 % for one person.
  keytel: { under: 0.25, over: 0.25 },
  // Compendium METs assume 3.5 mL/kg/min at rest, ~20 % above measured resting cost on average (Byrne 2005).
  met: { under: 0.3, over: 0.3 },
  // Wrist step counts err by up to ~25 % (Germini 2022) before the walking-cost equation's own error.
  steps: { under: 0.3, over: 0.3 },
  // Mechanical work is measured; gross efficiency varies ~18–24 % between riders (Ettema & Lorås 2009).
  power: { under: 0.15, over: 0.15 },
};

export interface EnergyComponent {
  method: EnergyMethod;
  kcal: number;
}

export type KcalRange = readonly [low: number, high: number];

/** Bounds of a sum of parts, each at its method's band (linear, not root-sum-square: the errors are systematic). */
export function burnedRange(components: readonly EnergyComponent[]): KcalRange {
  let low = 0;
  let high = 0;
  for (const c of components) {
    const band = METHOD_ERROR[c.method];
    low += c.kcal * (1 - band.under);
    high += c.kcal * (1 + band.over);
  }
  return [low, high];
}

/** Deficit bounds from burn bounds; logged intake is taken as logged (its own error is the log's, not ours). */
export function deficitRange(burned: KcalRange, intakeKcal: number): KcalRange {
  return [burned[0] - intakeKcal, burned[1] - intakeKcal];
}

/** What the weight trend says about this person's burn: a correction factor and its relative 95 % half-width. */
export interface BurnCalibration {
  factor: number;
  relativeHalfWidth: number;
}

/**
 * Engineering floor on a calibrated range's relative half-width: the weight trend pins down the 28-day mean burn, not
 * each day's, so even a perfect fit leaves a day ±5 %.
 */
export const MIN_CALIBRATED_RELATIVE_HALF_WIDTH = 0.05;

/** The burn range the calibration supports: the device figure corrected by the factor, ± the calibration's own error. */
export function calibratedRange(burnedKcal: number, calibration: BurnCalibration): KcalRange {
  const center = burnedKcal * calibration.factor;
  const half = Math.max(calibration.relativeHalfWidth, MIN_CALIBRATED_RELATIVE_HALF_WIDTH);
  return [center * (1 - half), center * (1 + half)];
}

export type RangeSource = "method_error" | "calibration";

/** The calibrated range when a calibration exists and it is narrower than the methods' own; else the methods'. */
export function narrowedRange(
  burnedKcal: number,
  methodRange: KcalRange,
  calibration: BurnCalibration | null,
): { range: KcalRange; source: RangeSource } {
  if (calibration === null) return { range: methodRange, source: "method_error" };
  const calibrated = calibratedRange(burnedKcal, calibration);
  return calibrated[1] - calibrated[0] < methodRange[1] - methodRange[0]
    ? { range: calibrated, source: "calibration" }
    : { range: methodRange, source: "method_error" };
}

/** Mean of the days' bounds: the range of a mean of days whose errors move together. */
export function meanRange(ranges: readonly KcalRange[]): KcalRange | null {
  if (ranges.length === 0) return null;
  const sum = ranges.reduce<[number, number]>((acc, r) => [acc[0] + r[0], acc[1] + r[1]], [0, 0]);
  return [sum[0] / ranges.length, sum[1] / ranges.length];
}

/** A range of a quantity that moves monotonically with the deficit, e.g. a projected weight change. */
export function mapRange(range: KcalRange, f: (v: number) => number): KcalRange {
  const a = f(range[0]);
  const b = f(range[1]);
  return a <= b ? [a, b] : [b, a];
}
