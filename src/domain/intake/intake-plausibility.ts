import { requireNonNegative } from "../guards.js";
import { median } from "../stats.js";

// Engineering defaults from docs/science.md §2.3 (not from a study): partially logged days are "the one true enemy" of
// an intake-based TDEE (MacroFactor), so a suspiciously low day is flagged and kept out of the adaptive TDEE.
/** Absolute floor below which a logged day is always suspect, kcal. */
export const PARTIAL_INTAKE_FLOOR_KCAL = 800;
/** Fraction of the recent median below which a logged day is suspect. */
export const PARTIAL_INTAKE_FRACTION_OF_MEDIAN = 0.5;
/** How many of the most recent logged days form the median. */
export const PARTIAL_INTAKE_MEDIAN_DAYS = 14;
/** "Recent" for that median: the logged days are looked for within this many days before the day. */
export const PLAUSIBILITY_LOOKBACK_DAYS = 90;

export interface IntakePlausibility {
  possiblyPartial: boolean;
  thresholdKcal: number;
  recentMedianKcal: number | null;
}

/**
 * `recentLoggedIntakesKcal` are earlier logged days, oldest first, without the day being checked; only the last 14
 * count. "Possibly partial" when intake < max(800, 0.5 × median) (TV-D9).
 */
export function checkIntakePlausibility(intakeKcal: number, recentLoggedIntakesKcal: readonly number[]): IntakePlausibility {
  requireNonNegative("intakeKcal", intakeKcal);
  const recentMedianKcal = median(recentLoggedIntakesKcal.slice(-PARTIAL_INTAKE_MEDIAN_DAYS));
  const relativeKcal = recentMedianKcal === null ? 0 : PARTIAL_INTAKE_FRACTION_OF_MEDIAN * recentMedianKcal;
  const thresholdKcal = Math.max(PARTIAL_INTAKE_FLOOR_KCAL, relativeKcal);
  return { possiblyPartial: intakeKcal < thresholdKcal, thresholdKcal, recentMedianKcal };
}
