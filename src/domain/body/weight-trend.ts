import { dateOfDayNumber, dayNumberOf } from "../../lib/calendar.js";
import { trendWeights } from "./trend-weight.js";

// The EMA forgets 10 %/day: a weigh-in 60 days back keeps 0.9^60 ≈ 0.2 % weight, so seeding from 60 days before
// `from` gives the same trend (within ~0.2 % of the seed's error) as seeding from all history, at bounded cost.
export const TREND_SEED_LOOKBACK_DAYS = 60;

export interface DatedWeight {
  localDate: string;
  weightKg: number;
}

export interface TrendDay {
  date: string;
  trendWeightKg: number;
  /** Mean of the day's weigh-ins (what the trend was fed), null on a day without one. */
  measuredWeightKg: number | null;
}

/**
 * The docs/science.md §3.8 trend for the days in [from, to] that lie between the first and the last weigh-in,
 * fed with every weigh-in given (including earlier ones, which seed it). Same-day weigh-ins are averaged.
 */
export function weightTrendForRange(weights: readonly DatedWeight[], from: string, to: string): TrendDay[] {
  const fromIndex = dayNumberOf(from);
  const toIndex = dayNumberOf(to);
  const inputs = weights.map((w) => ({ dayIndex: dayNumberOf(w.localDate), weightKg: w.weightKg }));
  const sums = new Map<number, { sumKg: number; n: number }>();
  for (const w of inputs) {
    const entry = sums.get(w.dayIndex) ?? { sumKg: 0, n: 0 };
    sums.set(w.dayIndex, { sumKg: entry.sumKg + w.weightKg, n: entry.n + 1 });
  }
  return trendWeights(inputs)
    .filter((p) => p.dayIndex >= fromIndex && p.dayIndex <= toIndex)
    .map((p) => {
      const day = sums.get(p.dayIndex);
      return {
        date: dateOfDayNumber(p.dayIndex),
        trendWeightKg: p.trendKg,
        measuredWeightKg: day ? day.sumKg / day.n : null,
      };
    });
}

/** The earliest weigh-in date before `from`, i.e. how far back the trend was seeded; null when it was not. */
export function seededFrom(weights: readonly DatedWeight[], from: string): string | null {
  let earliest: string | null = null;
  for (const w of weights) if (w.localDate < from && (earliest === null || w.localDate < earliest)) earliest = w.localDate;
  return earliest;
}
