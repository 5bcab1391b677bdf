import { addDays, datesBetween, dayNumberOf, weekEndOf } from "../../lib/calendar.js";
import type { DayStatus } from "../../lib/vocabulary.js";
import { DEFAULT_WEIGHT_CHANGE_KCAL_PER_KG, estimateAdaptiveTdee, type TdeeDay, type TrendPoint, trendWeights } from "../body/trend-weight.js";
import { flagsCleared } from "../days/day-plausibility.js";
import { weeklyMeanDeficit } from "../energy/deficit.js";
import { type KcalRange, meanRange } from "../energy/energy-ranges.js";
import { energyDensityOfChangeKcalPerKg } from "./forbes.js";

/** docs/science.md §3.8 recommends a 14–28-day window for the adaptive expenditure; we take the widest. */
export const CALIBRATION_WINDOW_DAYS = 28;
/** docs/science.md §5.7: calibrate only after this many days that have both a weigh-in and a complete logged intake. */
export const MIN_CALIBRATION_DAYS = 14;
// Engineering default: 14 days of ±0.5 kg scale noise leave ≈ ±250 kcal/day of slope error, so a factor this far
// from 1 says more about the data than about the device; it is reported but not applied.
export const CALIBRATION_FACTOR_RANGE = { min: 0.6, max: 1.4 } as const;
/** The trend forgets 10 %/day: after 60 days a seed keeps 0.2 % of its weight, so older weigh-ins are not read. */
export const TREND_LOOKBACK_DAYS = 60;

export interface EnergyDayFacts {
  localDate: string;
  status: DayStatus;
  burnedKcal: number | null;
  /** The burn's method-error bounds (docs/science.md §4); null with the burn. */
  burnedLowKcal: number | null;
  burnedHighKcal: number | null;
  intakeKcal: number | null;
  deficitKcal: number | null;
  /** Plausibility flags (docs/science.md §2.2); a flagged day counts only once confirmed. */
  flags: string[];
  flagsConfirmed: boolean;
}

export interface DatedWeight {
  localDate: string;
  weightKg: number;
}

interface CompleteDay {
  localDate: string;
  burnedKcal: number;
  burnedRange: KcalRange;
  intakeKcal: number;
  deficitKcal: number;
}

export interface WeekBalance {
  loggedDays: number;
  /** Null when fewer than MIN_LOGGED_DAYS_FOR_WEEKLY_MEAN days were complete (withheld). */
  meanDeficitKcal: number | null;
  meanIntakeKcal: number | null;
  meanBurnKcal: number | null;
  /** Mean of the days' burn ranges (docs/science.md §4). */
  meanBurnRange: KcalRange | null;
}

/** Two-sided 95 % normal quantile, for the calibration's confidence half-width. */
export const Z_95 = 1.96;

export interface Calibration {
  adaptiveTdeeKcal: number;
  /** 95 % half-width of the adaptive TDEE from the weight slope's standard error (× ρ); null when unknown. */
  tdeeHalfWidthKcal: number | null;
  meanBurnKcal: number;
  factor: number;
  applied: boolean;
  daysWithWeightAndIntake: number;
  slopeKgPerDay: number;
  energyDensityKcalPerKg: number;
  windowFrom: string;
  windowTo: string;
}

/**
 * Complete days only: a whole day of wearable data and a logged intake; partial, in-progress and unlogged days never
 * count, nor a day flagged implausible that the person has not confirmed.
 */
export function completeDays(days: readonly EnergyDayFacts[], from: string, to: string): CompleteDay[] {
  return days.flatMap((d) =>
    d.localDate >= from &&
    d.localDate <= to &&
    d.status === "complete" &&
    flagsCleared(d) &&
    d.burnedKcal !== null &&
    d.intakeKcal !== null &&
    d.deficitKcal !== null
      ? [
          {
            localDate: d.localDate,
            burnedKcal: d.burnedKcal,
            burnedRange: [d.burnedLowKcal ?? d.burnedKcal, d.burnedHighKcal ?? d.burnedKcal] as const,
            intakeKcal: d.intakeKcal,
            deficitKcal: d.deficitKcal,
          },
        ]
      : [],
  );
}

export function weekBalance(days: readonly EnergyDayFacts[], weekStart: string): WeekBalance {
  const complete = completeDays(days, weekStart, weekEndOf(weekStart));
  const weekly = weeklyMeanDeficit(complete.map((d) => ({ deficitKcal: d.deficitKcal, partial: false })));
  if (weekly.meanDeficitKcal === null) {
    return { loggedDays: weekly.loggedDays, meanDeficitKcal: null, meanIntakeKcal: null, meanBurnKcal: null, meanBurnRange: null };
  }
  return {
    loggedDays: weekly.loggedDays,
    meanDeficitKcal: weekly.meanDeficitKcal,
    meanIntakeKcal: mean(complete.map((d) => d.intakeKcal)),
    meanBurnKcal: mean(complete.map((d) => d.burnedKcal)),
    meanBurnRange: meanRange(complete.map((d) => d.burnedRange)),
  };
}

/** The trend on a day: the last trend point on or before it (a day without a weigh-in carries the trend). */
function trendOn(points: readonly TrendPoint[], dayIndex: number): number | null {
  let found: number | null = null;
  for (const p of points) if (p.dayIndex <= dayIndex) found = p.trendKg;
  return found;
}

/**
 * Change of the trend weight (docs/science.md §3.8, gaps via α_eff) from the day before the week to its Sunday.
 * Null unless a weigh-in before the week seeds the trend and at least one falls inside the week.
 */
export function observedWeekChangeKg(weights: readonly DatedWeight[], weekStart: string): number | null {
  const weekEnd = weekEndOf(weekStart);
  const before = dayNumberOf(weekStart) - 1;
  const inputs = weights.filter((w) => w.localDate <= weekEnd).map((w) => ({ dayIndex: dayNumberOf(w.localDate), weightKg: w.weightKg }));
  if (!inputs.some((w) => w.dayIndex > before)) return null;
  const points = trendWeights(inputs);
  const startKg = trendOn(points, before);
  const endKg = trendOn(points, dayNumberOf(weekEnd));
  return startKg === null || endKg === null ? null : endKg - startKg;
}

/**
 * Adaptive expenditure over the 28 days ending on the week's Sunday (mean usable intake − ρ(F) × OLS slope of raw
 * weights, docs/science.md §3.8) and its ratio to the mean measured burn of the same complete days.
 */
export function calibrate(
  days: readonly EnergyDayFacts[],
  weights: readonly DatedWeight[],
  weekStart: string,
  fatMassKg: number | null,
): Calibration | null {
  const windowTo = weekEndOf(weekStart);
  const windowFrom = addDays(windowTo, -(CALIBRATION_WINDOW_DAYS - 1));
  const complete = completeDays(days, windowFrom, windowTo);
  const dailyWeightKg = dailyMeans(weights.filter((w) => w.localDate >= windowFrom && w.localDate <= windowTo));
  const daysWithWeightAndIntake = complete.filter((d) => dailyWeightKg.has(d.localDate)).length;
  if (daysWithWeightAndIntake < MIN_CALIBRATION_DAYS) return null;
  const intakeByDate = new Map(complete.map((d) => [d.localDate, d.intakeKcal]));
  const tdeeDays: TdeeDay[] = [];
  for (const date of datesBetween(windowFrom, windowTo)) {
    const intakeKcal = intakeByDate.get(date) ?? null;
    tdeeDays.push({ dayIndex: dayNumberOf(date), intakeKcal, intakeUsable: intakeKcal !== null, weightKg: dailyWeightKg.get(date) ?? null });
  }
  const energyDensityKcalPerKg = fatMassKg !== null && fatMassKg > 0 ? energyDensityOfChangeKcalPerKg(fatMassKg) : DEFAULT_WEIGHT_CHANGE_KCAL_PER_KG;
  const adaptive = estimateAdaptiveTdee(tdeeDays, energyDensityKcalPerKg);
  const meanBurnKcal = mean(complete.map((d) => d.burnedKcal));
  if (adaptive === null || !(meanBurnKcal > 0)) return null;
  const factor = adaptive.tdeeKcal / meanBurnKcal;
  return {
    adaptiveTdeeKcal: adaptive.tdeeKcal,
    tdeeHalfWidthKcal: adaptive.slopeStdErrKgPerDay === null ? null : Z_95 * adaptive.slopeStdErrKgPerDay * energyDensityKcalPerKg,
    meanBurnKcal,
    factor,
    applied: factor >= CALIBRATION_FACTOR_RANGE.min && factor <= CALIBRATION_FACTOR_RANGE.max,
    daysWithWeightAndIntake,
    slopeKgPerDay: adaptive.slopeKgPerDay,
    energyDensityKcalPerKg,
    windowFrom,
    windowTo,
  };
}

function dailyMeans(weights: readonly DatedWeight[]): Map<string, number> {
  const sums = new Map<string, { sumKg: number; n: number }>();
  for (const w of weights) {
    const entry = sums.get(w.localDate) ?? { sumKg: 0, n: 0 };
    sums.set(w.localDate, { sumKg: entry.sumKg + w.weightKg, n: entry.n + 1 });
  }
  return new Map([...sums].map(([date, { sumKg, n }]) => [date, sumKg / n]));
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
