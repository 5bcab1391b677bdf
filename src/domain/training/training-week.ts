// One local ISO week of training (Monday to Sunday) from its raw rows: strength sessions, sets and volume per muscle
// group, HIIT minutes, moderate and vigorous minutes, steps per day, against WHO 2020 and the guide's targets.
// Pure: the training module reads the rows and presents the result.

import { activityFamily } from "../activities/activity-kinds.js";
import { activityMet } from "../energy/workout-estimates.js";
import {
  aerobicTarget,
  backDays,
  GUIDE_BACK_DAYS_PER_WEEK,
  type IntensityMinutes,
  minutesFromHrBands,
  minutesFromMet,
  volumeByMuscleGroup,
  type WeekSet,
  WHO_STRENGTH_DAYS_PER_WEEK,
} from "./activity-week.js";
import { metOfClass } from "./exercise-catalogue.js";
import { type StrengthSet, setTimes } from "./strength-energy.js";

export interface WeekWorkoutSet extends StrengthSet {
  exercise: string;
  weightKg: number | null;
}

export interface WeekWorkout {
  id: string;
  activityType: string;
  localDate: string;
  durationS: number;
  /** The representative this record is a copy of; null when it counts (docs/activities.md). */
  duplicateOf: string | null;
  /** Seconds per ACSM heart-rate band from the workout's HIIT analysis; null without heart rate. */
  bandSeconds: Readonly<Record<string, number>> | null;
  sets: readonly WeekWorkoutSet[];
}

export interface TrainingWeekInput {
  weekStart: string;
  /** The week's seven local dates, Monday first. */
  dates: readonly string[];
  workouts: readonly WeekWorkout[];
  /** HIIT sessions' minutes (end − start) per local date. */
  hiitMinutesByDate: ReadonlyMap<string, number>;
  stepsByDate: ReadonlyMap<string, number>;
  /** Mean steps per day of the week before, or null when it has no step data. */
  previousWeekMeanSteps: number | null;
}

function isStrength(w: WeekWorkout): boolean {
  return activityFamily(w.activityType) === "strength" || w.sets.length > 0;
}

/**
 * Each activity once: its representative, with the sets of the first of its records that has any (a hand log of a
 * session a watch also recorded without sets gives the watch's record its sets).
 */
function activities(workouts: readonly WeekWorkout[]): WeekWorkout[] {
  const byGroup = new Map<string, WeekWorkout[]>();
  for (const w of workouts) {
    const key = w.duplicateOf ?? w.id;
    byGroup.set(key, [...(byGroup.get(key) ?? []), w]);
  }
  const out: WeekWorkout[] = [];
  for (const [key, records] of byGroup) {
    const representative = records.find((r) => r.id === key);
    if (!representative) continue;
    const withSets = representative.sets.length > 0 ? representative : records.find((r) => r.sets.length > 0);
    out.push({ ...representative, sets: withSets?.sets ?? [] });
  }
  return out;
}

/** A workout's moderate and vigorous minutes: from heart rate when analysed, else from its sets' or its type's MET. */
export function workoutIntensityMinutes(w: WeekWorkout): IntensityMinutes {
  // An analysis of a workout without heart rate has no band time: its METs say more than zero minutes.
  if (w.bandSeconds && Object.values(w.bandSeconds).some((s) => s > 0)) return minutesFromHrBands(w.bandSeconds);
  if (w.sets.length > 0) {
    const times = setTimes(w.sets, w.durationS);
    const total: IntensityMinutes = { moderate: 0, vigorous: 0 };
    for (const [i, set] of w.sets.entries()) {
      const t = times[i];
      if (!t) continue;
      const m = minutesFromMet(metOfClass(set.metClass), (t.workS + t.restS) / 60);
      total.moderate += m.moderate;
      total.vigorous += m.vigorous;
    }
    return total;
  }
  return minutesFromMet(activityMet(w.activityType), w.durationS / 60);
}

export function trainingWeek(input: TrainingWeekInput) {
  const counted = activities(input.workouts);
  const strength = counted.filter(isStrength);
  const sets: WeekSet[] = strength.flatMap((w) =>
    w.sets.map((s) => ({ localDate: w.localDate, exercise: s.exercise, reps: s.reps, weightKg: s.weightKg })),
  );
  const minutes = counted.map(workoutIntensityMinutes).reduce((a, m) => ({ moderate: a.moderate + m.moderate, vigorous: a.vigorous + m.vigorous }), {
    moderate: 0,
    vigorous: 0,
  });
  const strengthDays = new Set(strength.map((w) => w.localDate));
  const back = backDays(sets);
  const stepDays = input.dates.filter((d) => input.stepsByDate.has(d));
  const meanSteps = stepDays.length > 0 ? stepDays.reduce((sum, d) => sum + (input.stepsByDate.get(d) ?? 0), 0) / stepDays.length : null;
  const hiitMinutes = input.dates.reduce((sum, d) => sum + (input.hiitMinutesByDate.get(d) ?? 0), 0);
  return {
    weekStart: input.weekStart,
    strengthSessions: strength.length,
    strengthDays: [...strengthDays].sort(),
    sets: sets.length,
    volumeByMuscleGroup: volumeByMuscleGroup(sets),
    hiitMinutes,
    intensityMinutes: minutes,
    stepsPerDay: input.dates.map((d) => ({ date: d, steps: input.stepsByDate.get(d) ?? null })),
    meanSteps,
    who: {
      aerobic: aerobicTarget(minutes),
      strengthDays: { days: strengthDays.size, target: WHO_STRENGTH_DAYS_PER_WEEK, met: strengthDays.size >= WHO_STRENGTH_DAYS_PER_WEEK },
    },
    guide: {
      backDays: { days: back.size, target: GUIDE_BACK_DAYS_PER_WEEK, met: back.size >= GUIDE_BACK_DAYS_PER_WEEK },
      walkingMore: {
        meanSteps,
        previousWeekMeanSteps: input.previousWeekMeanSteps,
        met: meanSteps !== null && input.previousWeekMeanSteps !== null ? meanSteps > input.previousWeekMeanSteps : null,
      },
    },
  };
}

export type TrainingWeek = ReturnType<typeof trainingWeek>;
