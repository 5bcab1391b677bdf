import { compendiumMet } from "../../domain/energy/met-compendium.js";
import { DEFAULT_MET_CLASS, type Exercise, MET_CLASS_NAMES, MET_CLASSES, metOfClass } from "../../domain/training/exercise-catalogue.js";
import type { TrainingWeek } from "../../domain/training/training-week.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

export function presentCatalogue(exercises: readonly Exercise[]) {
  return {
    exercises: exercises.map((e) => ({
      key: e.key,
      name: e.name,
      muscle_groups: [...e.muscleGroups],
      equipment: e.equipment,
      met_class: e.metClass,
      compendium_code: MET_CLASSES[e.metClass],
      met: metOfClass(e.metClass),
      guide: e.guide,
      fit_categories: [...e.fitCategories],
    })),
    met_classes: MET_CLASS_NAMES.map((metClass) => ({
      met_class: metClass,
      compendium_code: MET_CLASSES[metClass],
      activity: compendiumMet(MET_CLASSES[metClass], 2024)?.activity ?? "",
      met: metOfClass(metClass),
    })),
    default_met_class: DEFAULT_MET_CLASS,
  };
}

export function presentWeek(w: TrainingWeek) {
  return {
    week_start: w.weekStart,
    strength_sessions: w.strengthSessions,
    strength_days: w.strengthDays,
    sets: w.sets,
    muscle_groups: [...w.volumeByMuscleGroup].map(([group, v]) => ({
      muscle_group: group,
      sets: v.sets,
      reps: v.reps,
      volume_kg: round1(v.volumeKg),
    })),
    hiit_minutes: round1(w.hiitMinutes),
    moderate_minutes: round1(w.intensityMinutes.moderate),
    vigorous_minutes: round1(w.intensityMinutes.vigorous),
    steps_per_day: w.stepsPerDay,
    mean_steps: w.meanSteps === null ? null : Math.round(w.meanSteps),
    who: {
      aerobic: { ...w.who.aerobic, moderate_equivalent_min: round1(w.who.aerobic.moderate_equivalent_min) },
      muscle_strengthening: w.who.strengthDays,
    },
    guide: {
      back_exercises: w.guide.backDays,
      walking_more: {
        mean_steps: w.guide.walkingMore.meanSteps === null ? null : Math.round(w.guide.walkingMore.meanSteps),
        previous_week_mean_steps: w.guide.walkingMore.previousWeekMeanSteps === null ? null : Math.round(w.guide.walkingMore.previousWeekMeanSteps),
        met: w.guide.walkingMore.met,
      },
    },
  };
}
