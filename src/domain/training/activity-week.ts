// The training week against public-health and guide targets. WHO 2020 guidelines on physical activity and sedentary
// behaviour (Bull et al., Br J Sports Med 2020;54:1451–1462), adults 18–64: 150–300 min of moderate-intensity or
// 75–150 min of vigorous-intensity aerobic activity a week, or an equivalent combination (a vigorous minute counts as
// two moderate ones), and muscle-strengthening activity on 2 or more days a week. docs/science.md §8.

import { type MuscleGroup, muscleGroupsOf } from "./exercise-catalogue.js";

export const WHO_MODERATE_MIN_PER_WEEK = { low: 150, high: 300 } as const;
/**
 * A vigorous minute counts as two moderate ones (WHO 2020: "an equivalent combination"), so WHO's 75–150 vigorous
 * minutes are the same 150–300 moderate-equivalent minutes and need no target of their own.
 */
export const VIGOROUS_MINUTE_WEIGHT = 2;
/** Muscle-strengthening activity on at least this many days a week (WHO 2020). */
export const WHO_STRENGTH_DAYS_PER_WEEK = 2;

/**
 * Intensity from METs, as WHO 2020 and ACSM define it: moderate 3.0–5.9 MET, vigorous ≥ 6.0 MET (below 3: light).
 */
export const MODERATE_MET_FLOOR = 3;
export const VIGOROUS_MET_FLOOR = 6;

/**
 * The guide's own: its back exercises on the days WHO asks for muscle strengthening (2 days a week; the guide gives
 * no number of its own, so WHO's is used, labelled as the guide's target), and walking more than the week before.
 */
export const GUIDE_BACK_DAYS_PER_WEEK = 2;

export type Intensity = "light" | "moderate" | "vigorous";

export function intensityOfMet(met: number): Intensity {
  if (met >= VIGOROUS_MET_FLOOR) return "vigorous";
  if (met >= MODERATE_MET_FLOOR) return "moderate";
  return "light";
}

export interface IntensityMinutes {
  moderate: number;
  vigorous: number;
}

/** Minutes by ACSM heart-rate band (src/domain/energy/hr-zones.ts): moderate, and vigorous plus near-maximal. */
export function minutesFromHrBands(bands: Readonly<Record<string, number>>): IntensityMinutes {
  return {
    moderate: (bands.moderate ?? 0) / 60,
    vigorous: ((bands.vigorous ?? 0) + (bands["near-maximal"] ?? 0)) / 60,
  };
}

/** A workout without heart rate: its minutes at the intensity of its MET. */
export function minutesFromMet(met: number, minutes: number): IntensityMinutes {
  const intensity = intensityOfMet(met);
  return { moderate: intensity === "moderate" ? minutes : 0, vigorous: intensity === "vigorous" ? minutes : 0 };
}

export function moderateEquivalentMinutes(m: IntensityMinutes): number {
  return m.moderate + VIGOROUS_MINUTE_WEIGHT * m.vigorous;
}

/** One week's aerobic minutes against WHO: met at 150 moderate-equivalent minutes, "upper" at 300 and above. */
export function aerobicTarget(m: IntensityMinutes) {
  const equivalent = moderateEquivalentMinutes(m);
  return {
    moderate_equivalent_min: equivalent,
    target_min: WHO_MODERATE_MIN_PER_WEEK.low,
    upper_min: WHO_MODERATE_MIN_PER_WEEK.high,
    met: equivalent >= WHO_MODERATE_MIN_PER_WEEK.low,
    reached_upper: equivalent >= WHO_MODERATE_MIN_PER_WEEK.high,
  };
}

export interface WeekSet {
  localDate: string;
  exercise: string;
  reps: number | null;
  weightKg: number | null;
}

export interface MuscleVolume {
  sets: number;
  reps: number;
  /** Σ reps × load, kg; sets without a load add nothing. */
  volumeKg: number;
}

/** Sets, reps and volume (reps × load) per muscle group; an exercise outside the catalogue counts under "unclassified". */
export function volumeByMuscleGroup(sets: readonly WeekSet[]): Map<MuscleGroup | "unclassified", MuscleVolume> {
  const out = new Map<MuscleGroup | "unclassified", MuscleVolume>();
  for (const set of sets) {
    const groups = muscleGroupsOf(set.exercise);
    for (const group of groups.length > 0 ? groups : (["unclassified"] as const)) {
      const v = out.get(group) ?? { sets: 0, reps: 0, volumeKg: 0 };
      v.sets += 1;
      v.reps += set.reps ?? 0;
      v.volumeKg += (set.reps ?? 0) * (set.weightKg ?? 0);
      out.set(group, v);
    }
  }
  return out;
}

/** The local dates with a set of an exercise that trains the back. */
export function backDays(sets: readonly WeekSet[]): Set<string> {
  return new Set(sets.filter((s) => muscleGroupsOf(s.exercise).includes("back")).map((s) => s.localDate));
}
