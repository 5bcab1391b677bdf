import { requirePositive } from "../guards.js";

/** Tanaka et al., JACC 2001;37:153: HRmax = 208 − 0.7 × age. */
export const TANAKA_INTERCEPT_BPM = 208;
export const TANAKA_BPM_PER_YEAR = 0.7;

export type AcsmBand = "very-light" | "light" | "moderate" | "vigorous" | "near-maximal";

/**
 * ACSM Guidelines 10th ed. (PMC8581515 Table 1) lower bounds, % of HRmax and % of HR reserve. The table uses integer
 * ranges (moderate 64–76, vigorous 77–95): a value between two rows belongs to the lower row.
 */
export const ACSM_BAND_FLOORS_PERCENT_MAX_HR = { light: 57, moderate: 64, vigorous: 77, "near-maximal": 96 } as const;
export const ACSM_BAND_FLOORS_PERCENT_HRR = { light: 30, moderate: 40, vigorous: 60, "near-maximal": 90 } as const;

export function tanakaMaxHrBpm(ageYears: number): number {
  return TANAKA_INTERCEPT_BPM - TANAKA_BPM_PER_YEAR * requirePositive("ageYears", ageYears);
}

export function acsmBandByPercentMaxHr(hrBpm: number, maxHrBpm: number): AcsmBand {
  return bandFromPercent((100 * hrBpm) / requirePositive("maxHrBpm", maxHrBpm), ACSM_BAND_FLOORS_PERCENT_MAX_HR);
}

export function acsmBandByPercentHrr(hrBpm: number, restingHrBpm: number, maxHrBpm: number): AcsmBand {
  const reserveBpm = heartRateReserveBpm(restingHrBpm, maxHrBpm);
  return bandFromPercent((100 * (hrBpm - restingHrBpm)) / reserveBpm, ACSM_BAND_FLOORS_PERCENT_HRR);
}

function heartRateReserveBpm(restingHrBpm: number, maxHrBpm: number): number {
  requirePositive("restingHrBpm", restingHrBpm);
  if (!(maxHrBpm > restingHrBpm)) throw new RangeError(`maxHrBpm ${maxHrBpm} must exceed restingHrBpm ${restingHrBpm}`);
  return maxHrBpm - restingHrBpm;
}

function bandFromPercent(percent: number, floors: Readonly<Record<Exclude<AcsmBand, "very-light">, number>>): AcsmBand {
  if (percent >= floors["near-maximal"]) return "near-maximal";
  if (percent >= floors.vigorous) return "vigorous";
  if (percent >= floors.moderate) return "moderate";
  if (percent >= floors.light) return "light";
  return "very-light";
}
