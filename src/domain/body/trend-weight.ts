import { requirePositive } from "../guards.js";

/** Hacker's Diet (J. Walker, fourmilab.ch/hackdiet): smoothing constant 0.9, i.e. 10 % of each day's deviation. */
export const TREND_ALPHA_PER_DAY = 0.1;
/** Energy per kg of weight change when body fat is unknown: 32.2 MJ/kg (Hall 2008; the 3,500 kcal/lb rule in kg). */
export const DEFAULT_WEIGHT_CHANGE_KCAL_PER_KG = 7700;

export interface DailyWeight {
  /** Consecutive integers for consecutive local days; the caller maps dates to indices. */
  dayIndex: number;
  weightKg: number;
}

export interface TrendPoint {
  dayIndex: number;
  trendKg: number;
  measured: boolean;
}

export interface TdeeDay {
  dayIndex: number;
  intakeKcal: number | null;
  /** False for partial days and "possibly partial" intakes: they must not pull the estimate down. */
  intakeUsable: boolean;
  weightKg: number | null;
}

export interface AdaptiveTdee {
  tdeeKcal: number;
  meanIntakeKcal: number;
  slopeKgPerDay: number;
  /** Standard error of the slope; null with fewer than three weigh-in days. */
  slopeStdErrKgPerDay: number | null;
  storedEnergyChangeKcalPerDay: number;
  intakeDays: number;
  weightDays: number;
}

/**
 * Exponentially smoothed trend, one point per day from the first to the last weigh-in. A day without a weigh-in
 * carries the trend; the next weigh-in after a gap of Δ days uses α_eff = 1 − (1 − α)^Δ (TV-T3).
 */
export function trendWeights(weights: readonly DailyWeight[], alphaPerDay = TREND_ALPHA_PER_DAY): TrendPoint[] {
  if (!(alphaPerDay > 0 && alphaPerDay <= 1)) throw new RangeError(`alphaPerDay must be in (0, 1], got ${alphaPerDay}`);
  const daily = dailyMeans(weights);
  const first = daily[0];
  if (first === undefined) return [];
  const points: TrendPoint[] = [{ dayIndex: first.dayIndex, trendKg: first.weightKg, measured: true }];
  let trendKg = first.weightKg;
  let lastDay = first.dayIndex;
  for (const w of daily.slice(1)) {
    for (let day = lastDay + 1; day < w.dayIndex; day += 1) points.push({ dayIndex: day, trendKg, measured: false });
    const alphaEff = 1 - (1 - alphaPerDay) ** (w.dayIndex - lastDay);
    trendKg += alphaEff * (w.weightKg - trendKg);
    points.push({ dayIndex: w.dayIndex, trendKg, measured: true });
    lastDay = w.dayIndex;
  }
  return points;
}

export interface OlsFit {
  slopeKgPerDay: number;
  /** √(Σ residual² / (n − 2) / Σ (x − x̄)²): the slope's standard error; null with fewer than three points. */
  slopeStdErrKgPerDay: number | null;
}

/** OLS fit of weight on day; null without two distinct days. */
export function olsFit(weights: readonly DailyWeight[]): OlsFit | null {
  const n = weights.length;
  if (n < 2) return null;
  const meanX = weights.reduce((s, w) => s + w.dayIndex, 0) / n;
  const meanY = weights.reduce((s, w) => s + w.weightKg, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const w of weights) {
    sxy += (w.dayIndex - meanX) * (w.weightKg - meanY);
    sxx += (w.dayIndex - meanX) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  if (n < 3) return { slopeKgPerDay: slope, slopeStdErrKgPerDay: null };
  const residualSq = weights.reduce((s, w) => s + (w.weightKg - (meanY + slope * (w.dayIndex - meanX))) ** 2, 0);
  return { slopeKgPerDay: slope, slopeStdErrKgPerDay: Math.sqrt(residualSq / (n - 2) / sxx) };
}

export function storedEnergyChangeKcalPerDay(slopeKgPerDay: number, energyDensityKcalPerKg = DEFAULT_WEIGHT_CHANGE_KCAL_PER_KG): number {
  return slopeKgPerDay * requirePositive("energyDensityKcalPerKg", energyDensityKcalPerKg);
}

/** Calories out = calories in − change in stored energy (MacroFactor's public description, TV-T4). */
export function adaptiveTdeeKcal(meanIntakeKcal: number, storedEnergyKcalPerDay: number): number {
  return meanIntakeKcal - storedEnergyKcalPerDay;
}

/**
 * TDEE over a window (14–28 days recommended): mean usable intake minus ρ × OLS slope of the raw weights. The slope
 * comes from raw weights, not the trend, because the trend lags (TV-T1). Null without intake or two weigh-ins.
 */
export function estimateAdaptiveTdee(days: readonly TdeeDay[], energyDensityKcalPerKg = DEFAULT_WEIGHT_CHANGE_KCAL_PER_KG): AdaptiveTdee | null {
  const intakes = days.flatMap((d) => (d.intakeUsable && d.intakeKcal !== null ? [d.intakeKcal] : []));
  const weights = days.flatMap((d) => (d.weightKg === null ? [] : [{ dayIndex: d.dayIndex, weightKg: d.weightKg }]));
  const fit = olsFit(weights);
  if (intakes.length === 0 || fit === null) return null;
  const { slopeKgPerDay, slopeStdErrKgPerDay } = fit;
  const meanIntakeKcal = intakes.reduce((s, v) => s + v, 0) / intakes.length;
  const storedKcal = storedEnergyChangeKcalPerDay(slopeKgPerDay, energyDensityKcalPerKg);
  return {
    tdeeKcal: adaptiveTdeeKcal(meanIntakeKcal, storedKcal),
    meanIntakeKcal,
    slopeKgPerDay,
    slopeStdErrKgPerDay,
    storedEnergyChangeKcalPerDay: storedKcal,
    intakeDays: intakes.length,
    weightDays: weights.length,
  };
}

function dailyMeans(weights: readonly DailyWeight[]): DailyWeight[] {
  const byDay = new Map<number, { sumKg: number; n: number }>();
  for (const w of weights) {
    if (!Number.isInteger(w.dayIndex)) throw new RangeError(`dayIndex must be an integer, got ${w.dayIndex}`);
    requirePositive("weightKg", w.weightKg);
    const entry = byDay.get(w.dayIndex) ?? { sumKg: 0, n: 0 };
    byDay.set(w.dayIndex, { sumKg: entry.sumKg + w.weightKg, n: entry.n + 1 });
  }
  return [...byDay.entries()].sort(([a], [b]) => a - b).map(([dayIndex, { sumKg, n }]) => ({ dayIndex, weightKg: sumKg / n }));
}
