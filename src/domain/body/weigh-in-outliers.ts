import { MS_PER_DAY } from "../../lib/calendar.js";
import { TREND_ALPHA_PER_DAY } from "./trend-weight.js";

// Weigh-in outliers (docs/science.md §2.1): a weight that departs from the trend by more than body water and tissue
// can change in the time since the trend was last fed is kept, shown, and left out of everything computed.

/** Acute body-water swing, as a fraction of body weight: sweat losses of 2–3 % of body mass are common (Sawka 2007). */
export const FLUID_FRACTION_OF_WEIGHT = 0.03;
/** Glycogen and the water bound to it can move 1–2 kg within a day or two (Kreitzman 1992), kg. */
export const GLYCOGEN_WATER_KG = 2;
/**
 * Most tissue a body can gain or lose per day, kg/day: even a complete fast at a large person's ~3,850 kcal/day
 * expenditure, at 7,700 kcal per kg of tissue (Hall 2008), loses 0.5 kg/day.
 */
export const TISSUE_KG_PER_DAY = 0.5;
/**
 * This many weigh-ins in a row that all depart from the trend in agreement with each other, over at least a day, are
 * a new level (a real change, another scale, or a wrong first weigh-in), not a typo: the trend restarts from them.
 */
export const NEW_LEVEL_RUN = 3;

export interface WeighIn {
  id: string;
  atMs: number;
  weightKg: number;
  /** The person's verdict: true = an outlier, false = a real weight; null = decided by the rule. */
  override: boolean | null;
}

/** How far a weigh-in may lie from a reference weight `elapsedDays` later, kg. */
export function allowedDeviationKg(referenceKg: number, elapsedDays: number): number {
  return FLUID_FRACTION_OF_WEIGHT * referenceKg + GLYCOGEN_WATER_KG + TISSUE_KG_PER_DAY * Math.max(0, elapsedDays);
}

interface Reference {
  trendKg: number;
  atMs: number;
}

const daysBetween = (fromMs: number, toMs: number) => (toMs - fromMs) / MS_PER_DAY;

/** The trend fed with one more accepted weigh-in (the same exponential smoothing as the displayed trend). */
function feed(reference: Reference | null, w: WeighIn): Reference {
  if (reference === null) return { trendKg: w.weightKg, atMs: w.atMs };
  const alpha = 1 - (1 - TREND_ALPHA_PER_DAY) ** Math.max(0, daysBetween(reference.atMs, w.atMs));
  return { trendKg: reference.trendKg + alpha * (w.weightKg - reference.trendKg), atMs: w.atMs };
}

function departs(reference: Reference, w: WeighIn): boolean {
  return Math.abs(w.weightKg - reference.trendKg) > allowedDeviationKg(reference.trendKg, daysBetween(reference.atMs, w.atMs));
}

/** The run agrees with its first weigh-in and spans at least a day. */
function isNewLevel(run: readonly WeighIn[]): boolean {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last || run.length < NEW_LEVEL_RUN || daysBetween(first.atMs, last.atMs) < 1) return false;
  const seed = { trendKg: first.weightKg, atMs: first.atMs };
  return run.every((w) => !departs(seed, w));
}

/** Outlier or not for every weigh-in, given oldest first (ties by id): the same weigh-ins always give the same answer. */
export function classifyWeighIns(weighIns: readonly WeighIn[]): Map<string, boolean> {
  const outlier = new Map<string, boolean>();
  let reference: Reference | null = null;
  let run: WeighIn[] = [];
  const accept = (w: WeighIn) => {
    outlier.set(w.id, false);
    reference = feed(reference, w);
  };
  for (const w of weighIns) {
    if (w.override === true) {
      outlier.set(w.id, true);
    } else if (w.override === false) {
      // The person says this is their weight now: later weigh-ins are judged against it.
      reference = null;
      accept(w);
      run = [];
    } else if (reference === null || !departs(reference, w)) {
      accept(w);
      run = [];
    } else {
      outlier.set(w.id, true);
      run.push(w);
      const latest = run.slice(-NEW_LEVEL_RUN);
      if (isNewLevel(latest)) {
        reference = null;
        for (const r of latest) accept(r);
        run = [];
      }
    }
  }
  return outlier;
}
