import { median } from "./stats.js";

// Engineering defaults from SCIENCE.md §3.3: wrist EE is poor (no device under 20 % error, Shcherbina 2017), so
// only gross outliers are flagged, never silently corrected.
/** Active energy above this is always suspect, kcal/day. */
export const ACTIVE_OUTLIER_FLOOR_KCAL = 3000;
/** Active energy above this multiple of the recent median is suspect. */
export const ACTIVE_OUTLIER_MEDIAN_MULTIPLE = 4;
/** How many recent days form the active-energy median. */
export const ACTIVE_OUTLIER_MEDIAN_DAYS = 28;
/** Device basal outside [0.7, 1.3] × formula BMR is suspect. */
export const BASAL_OUTLIER_MIN_RATIO = 0.7;
export const BASAL_OUTLIER_MAX_RATIO = 1.3;

/** `recentActiveKcal` are earlier complete days, oldest first; only the last 28 count. */
export function isActiveEnergyOutlier(activeKcal: number, recentActiveKcal: readonly number[]): boolean {
  const recentMedian = median(recentActiveKcal.slice(-ACTIVE_OUTLIER_MEDIAN_DAYS)) ?? 0;
  return activeKcal > Math.max(ACTIVE_OUTLIER_FLOOR_KCAL, ACTIVE_OUTLIER_MEDIAN_MULTIPLE * recentMedian);
}

/** Compare a full day's device basal with the formula BMR pro-rated to the same hours. */
export function isBasalEnergyOutlier(deviceBasalKcal: number, formulaBasalKcal: number): boolean {
  const ratio = deviceBasalKcal / formulaBasalKcal;
  return !(ratio >= BASAL_OUTLIER_MIN_RATIO && ratio <= BASAL_OUTLIER_MAX_RATIO);
}
