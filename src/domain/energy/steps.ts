import { requireNonNegative, requirePositive } from "../guards.js";
import { ML_PER_LITRE } from "../units.js";
import type { Sex } from "./bmr.js";
import { KCAL_PER_LITRE_O2 } from "./met.js";

/** Step length as a fraction of height, population rule of thumb (docs/science.md §3.5). */
export const STEP_LENGTH_FRACTION_OF_HEIGHT: Readonly<Record<Sex, number>> = { male: 0.415, female: 0.413 };
/** ACSM level-walking equation, horizontal (net) cost: mL O2 per kg per metre walked. */
export const WALKING_NET_O2_ML_PER_KG_PER_M = 0.1;

export interface StepsInput {
  steps: number;
  heightCm: number;
  sex: Sex;
  weightKg: number;
  /** A measured or user-set step length overrides the height rule. */
  stepLengthM?: number | null;
}

export interface TimedCount {
  startMs: number;
  endMs: number;
  count: number;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export function stepLengthM(heightCm: number, sex: Sex): number {
  return (requirePositive("heightCm", heightCm) * STEP_LENGTH_FRACTION_OF_HEIGHT[sex]) / 100;
}

export function stepsDistanceM(input: StepsInput): number {
  requireNonNegative("steps", input.steps);
  const lengthM = input.stepLengthM ?? stepLengthM(input.heightCm, input.sex);
  return input.steps * requirePositive("stepLengthM", lengthM);
}

/** Net walking kcal (0.5 kcal/kg/km): the part above resting, safe to add to basal energy. */
export function walkingNetKcal(distanceM: number, weightKg: number): number {
  requireNonNegative("distanceM", distanceM);
  requirePositive("weightKg", weightKg);
  return (WALKING_NET_O2_ML_PER_KG_PER_M * distanceM * weightKg * KCAL_PER_LITRE_O2) / ML_PER_LITRE;
}

export function stepsNetKcal(input: StepsInput): number {
  return walkingNetKcal(stepsDistanceM(input), input.weightKg);
}

/**
 * Steps that fall outside workout windows, pro-rated by overlap, so workout kcal and step kcal never count the same
 * minutes twice (docs/science.md §3.5). Instantaneous samples count as inside when their instant is in [start, end).
 */
export function stepsOutsideWindows(samples: readonly TimedCount[], windows: readonly TimeWindow[]): number {
  const merged = mergeWindows(windows);
  let total = 0;
  for (const sample of samples) {
    const durationMs = sample.endMs - sample.startMs;
    if (durationMs <= 0) {
      const inside = merged.some((w) => sample.startMs >= w.startMs && sample.startMs < w.endMs);
      total += inside ? 0 : sample.count;
      continue;
    }
    const insideMs = overlapMs(sample, merged);
    total += sample.count * (1 - insideMs / durationMs);
  }
  return total;
}

function mergeWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  const sorted = [...windows].filter((w) => w.endMs > w.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: TimeWindow[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && w.startMs <= last.endMs) last.endMs = Math.max(last.endMs, w.endMs);
    else merged.push({ ...w });
  }
  return merged;
}

function overlapMs(span: TimeWindow, merged: readonly TimeWindow[]): number {
  let insideMs = 0;
  for (const w of merged) insideMs += Math.max(0, Math.min(span.endMs, w.endMs) - Math.max(span.startMs, w.startMs));
  return insideMs;
}
