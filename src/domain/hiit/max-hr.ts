import { tanakaMaxHrBpm } from "../energy/hr-zones.js";
import type { HrSample } from "./hr-cleaning.js";
import { prepareHrSegments } from "./hr-cleaning.js";

/** How far back an observed maximum counts (docs/science.md §7.2: the highest 5-s smoothed HR of the last 90 days). */
export const OBSERVED_MAX_HR_LOOKBACK_DAYS = 90;

export type MaxHrSource = "profile" | "observed" | "tanaka";

export interface MaxHrChoice {
  maxHrBpm: number;
  source: MaxHrSource;
}

export interface MaxHrInput {
  /** Set by the user (e.g. from a lab or field test); always wins. */
  profileMaxHrBpm: number | null;
  /** Highest 5-s smoothed HR over the last 90 days (see maxSmoothedHrBpm), or null without data. */
  observedMaxHrBpm: number | null;
  ageYears: number;
}

/** Profile, else an observed maximum above the formula, else Tanaka: a formula only ever raises to real data. */
export function chooseMaxHr(input: MaxHrInput): MaxHrChoice {
  if (input.profileMaxHrBpm !== null) {
    if (!(input.profileMaxHrBpm > 0)) throw new RangeError(`profileMaxHrBpm must be positive`);
    return { maxHrBpm: input.profileMaxHrBpm, source: "profile" };
  }
  const formulaBpm = tanakaMaxHrBpm(input.ageYears);
  if (input.observedMaxHrBpm !== null && input.observedMaxHrBpm > formulaBpm) {
    return { maxHrBpm: input.observedMaxHrBpm, source: "observed" };
  }
  return { maxHrBpm: formulaBpm, source: "tanaka" };
}

/** Highest value of the cleaned, 5-s smoothed series: spikes and dropouts cannot inflate it. */
export function maxSmoothedHrBpm(samples: readonly HrSample[]): number | null {
  let maxBpm = Number.NEGATIVE_INFINITY;
  for (const segment of prepareHrSegments(samples)) {
    for (const bpm of segment.values) if (bpm > maxBpm) maxBpm = bpm;
  }
  return Number.isFinite(maxBpm) ? maxBpm : null;
}
