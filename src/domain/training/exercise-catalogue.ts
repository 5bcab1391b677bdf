// The exercise catalogue: what a set's exercise is, which muscles it trains and which 2024 Adult Compendium entry
// (Herrmann et al., J Sport Health Sci 2024;13(1):6–12) prices its effort. The Compendium rates kinds of effort, not
// single exercises, so each exercise points at one MET class, and each class at one Compendium code
// (src/domain/energy/met-compendium.ts; docs/science.md §3.11).

import { compendiumMet } from "../energy/met-compendium.js";

export const MUSCLE_GROUPS = ["back", "shoulders", "chest", "arms", "core", "glutes", "legs"] as const;
export type MuscleGroup = (typeof MUSCLE_GROUPS)[number];

export const EQUIPMENT = ["bodyweight", "dumbbell", "kettlebell", "barbell", "band", "exercise_ball", "machine", "cable"] as const;
export type Equipment = (typeof EQUIPMENT)[number];

/** Kinds of effort, each priced by one 2024 Compendium code. */
export const MET_CLASSES = {
  /** 02054 resistance training, multiple exercises, 8–15 repetitions at varied resistance: 3.5 MET. */
  resistance_moderate: "02054",
  /** 02052 resistance training, squats, deadlift: 5.0 MET. */
  resistance_squat_deadlift: "02052",
  /** 02050 resistance training, power lifting or body building, vigorous effort: 6.0 MET. */
  resistance_vigorous: "02050",
  /** 02024 calisthenics, light effort (sit-ups, crunches; the 2024 edition adds plank): 2.8 MET. */
  calisthenics_light: "02024",
  /** 02030 calisthenics, light or moderate effort, general (e.g. back exercises): 3.5 MET. */
  calisthenics_general: "02030",
  /** 02022 calisthenics, moderate effort (push-ups, pull-ups, lunges): 3.8 MET. */
  calisthenics_moderate: "02022",
  /** 02020 calisthenics, vigorous effort (push-ups, burpees, jumping jacks): 7.5 MET. */
  calisthenics_vigorous: "02020",
  /** 02058 kettlebell swings: 9.8 MET. */
  kettlebell_swings: "02058",
} as const;
export type MetClass = keyof typeof MET_CLASSES;
export const MET_CLASS_NAMES = Object.keys(MET_CLASSES) as [MetClass, ...MetClass[]];

/**
 * The class an exercise outside the catalogue takes when the set names none: general resistance training at
 * 8–15 repetitions (02054, 3.5 MET), the Compendium's entry for a mixed gym session. Documented default.
 */
export const DEFAULT_MET_CLASS: MetClass = "resistance_moderate";

export interface Exercise {
  key: string;
  name: string;
  muscleGroups: readonly MuscleGroup[];
  equipment: Equipment;
  metClass: MetClass;
  /** Part of the strength guide this project follows (the eight back exercises). */
  guide: boolean;
  /** FIT SDK `exercise_category` names (Profile.xlsx) that mean this exercise. */
  fitCategories: readonly string[];
  /** Other spellings people and apps use. */
  aliases: readonly string[];
}

const e = (
  key: string,
  name: string,
  muscleGroups: readonly MuscleGroup[],
  equipment: Equipment,
  metClass: MetClass,
  extra: { guide?: boolean; fit?: readonly string[]; aliases?: readonly string[] } = {},
): Exercise => ({
  key,
  name,
  muscleGroups,
  equipment,
  metClass,
  guide: extra.guide ?? false,
  fitCategories: extra.fit ?? [],
  aliases: extra.aliases ?? [],
});

export const EXERCISES: readonly Exercise[] = [
  // The guide's eight back exercises.
  e("dumbbell_lateral_raise", "Dumbbell lateral raise", ["shoulders", "back"], "dumbbell", "resistance_moderate", {
    guide: true,
    fit: ["lateral_raise"],
    aliases: ["lateral_raise", "lateral_raises", "dumbbell_lateral_raises"],
  }),
  e("push_up", "Push-up", ["chest", "shoulders", "arms", "core"], "bodyweight", "calisthenics_moderate", {
    guide: true,
    fit: ["push_up"],
    aliases: ["push_ups", "pushup", "pushups"],
  }),
  // Swung like a kettlebell: priced by the kettlebell-swing entry, the closest the Compendium has.
  e("dumbbell_swing", "Dumbbell swing", ["glutes", "legs", "back", "core"], "dumbbell", "kettlebell_swings", {
    guide: true,
    aliases: ["dumbbell_swings"],
  }),
  e("reverse_hip_raise", "Reverse hip raise on an exercise ball", ["back", "glutes", "legs"], "exercise_ball", "calisthenics_general", {
    guide: true,
    aliases: ["reverse_hip_raises", "ball_reverse_hip_raise"],
  }),
  e("side_jackknife", "Side jackknife", ["core"], "bodyweight", "calisthenics_light", {
    guide: true,
    aliases: ["side_jackknifes", "side_jack_knife"],
  }),
  e("dumbbell_row", "Dumbbell row", ["back", "arms"], "dumbbell", "resistance_moderate", {
    guide: true,
    fit: ["row"],
    aliases: ["row", "rows", "bent_over_row", "one_arm_dumbbell_row"],
  }),
  e("band_seated_row", "Band seated row", ["back", "arms"], "band", "resistance_moderate", {
    guide: true,
    fit: ["banded_exercises"],
    aliases: ["band_seated_rows", "seated_band_row", "resistance_band_row"],
  }),
  e("plank", "Plank", ["core", "shoulders"], "bodyweight", "calisthenics_light", { guide: true, fit: ["plank"], aliases: ["planks"] }),
  // Common exercises watches record (FIT SDK exercise categories).
  e("bench_press", "Bench press", ["chest", "shoulders", "arms"], "barbell", "resistance_moderate", { fit: ["bench_press"] }),
  e("squat", "Squat", ["legs", "glutes"], "barbell", "resistance_squat_deadlift", { fit: ["squat"], aliases: ["squats", "back_squat"] }),
  e("deadlift", "Deadlift", ["back", "glutes", "legs"], "barbell", "resistance_squat_deadlift", { fit: ["deadlift"], aliases: ["deadlifts"] }),
  e("lunge", "Lunge", ["legs", "glutes"], "bodyweight", "calisthenics_moderate", { fit: ["lunge"], aliases: ["lunges"] }),
  e("pull_up", "Pull-up", ["back", "arms"], "bodyweight", "calisthenics_moderate", { fit: ["pull_up"], aliases: ["pull_ups", "pullup", "chin_up"] }),
  e("shoulder_press", "Shoulder press", ["shoulders", "arms"], "dumbbell", "resistance_moderate", {
    fit: ["shoulder_press"],
    aliases: ["overhead_press"],
  }),
  e("biceps_curl", "Biceps curl", ["arms"], "dumbbell", "resistance_moderate", { fit: ["curl"], aliases: ["curl", "bicep_curl"] }),
  e("triceps_extension", "Triceps extension", ["arms"], "dumbbell", "resistance_moderate", { fit: ["triceps_extension"] }),
  e("chest_fly", "Chest fly", ["chest", "shoulders"], "dumbbell", "resistance_moderate", { fit: ["flye"], aliases: ["flye", "fly"] }),
  e("shrug", "Shrug", ["back", "shoulders"], "dumbbell", "resistance_moderate", { fit: ["shrug"], aliases: ["shrugs"] }),
  e("back_extension", "Back extension", ["back", "glutes"], "bodyweight", "calisthenics_general", {
    fit: ["hyperextension"],
    aliases: ["hyperextension"],
  }),
  e("glute_bridge", "Glute bridge / hip raise", ["glutes", "legs", "back"], "bodyweight", "calisthenics_general", {
    fit: ["hip_raise"],
    aliases: ["hip_raise", "hip_thrust"],
  }),
  e("kettlebell_swing", "Kettlebell swing", ["glutes", "legs", "back", "core"], "kettlebell", "kettlebell_swings", {
    fit: ["hip_swing"],
    aliases: ["kettlebell_swings"],
  }),
  e("sit_up", "Sit-up", ["core"], "bodyweight", "calisthenics_light", { fit: ["sit_up"], aliases: ["sit_ups", "situp"] }),
  e("crunch", "Crunch", ["core"], "bodyweight", "calisthenics_light", { fit: ["crunch"], aliases: ["crunches"] }),
  e("leg_raise", "Leg raise", ["core"], "bodyweight", "calisthenics_light", { fit: ["leg_raise"], aliases: ["leg_raises"] }),
  e("core_exercise", "Core exercise", ["core"], "bodyweight", "calisthenics_light", { fit: ["core", "chop", "hip_stability"] }),
  e("leg_curl", "Leg curl", ["legs"], "machine", "resistance_moderate", { fit: ["leg_curl"] }),
  e("calf_raise", "Calf raise", ["legs"], "bodyweight", "resistance_moderate", { fit: ["calf_raise"], aliases: ["calf_raises"] }),
  e("olympic_lift", "Olympic lift", ["legs", "glutes", "back", "shoulders"], "barbell", "resistance_vigorous", {
    fit: ["olympic_lift"],
    aliases: ["clean", "snatch", "clean_and_jerk"],
  }),
  e("burpee", "Burpee", ["legs", "chest", "core"], "bodyweight", "calisthenics_vigorous", { fit: ["plyo", "total_body"], aliases: ["burpees"] }),
  e("jumping_jack", "Jumping jack", ["legs", "shoulders"], "bodyweight", "calisthenics_vigorous", {
    fit: ["cardio"],
    aliases: ["jumping_jacks"],
  }),
  e("carry", "Loaded carry", ["arms", "core", "back"], "dumbbell", "resistance_moderate", { fit: ["carry"], aliases: ["farmers_walk"] }),
];

/** Lower-case words joined by "_": "Dumbbell Lateral-Raise" → "dumbbell_lateral_raise". */
export function exerciseSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const BY_NAME = new Map<string, Exercise>();
const BY_FIT_CATEGORY = new Map<string, Exercise>();
for (const exercise of EXERCISES) {
  for (const name of [exercise.key, exercise.name, ...exercise.aliases]) BY_NAME.set(exerciseSlug(name), exercise);
  for (const category of exercise.fitCategories) BY_FIT_CATEGORY.set(category, exercise);
}

/** The catalogue entry a name or key means, or null for free text. */
export function findExercise(text: string): Exercise | null {
  return BY_NAME.get(exerciseSlug(text)) ?? null;
}

/** The catalogue entry of a FIT `exercise_category` name, or null ("unknown", a category the catalogue lacks). */
export function exerciseOfFitCategory(category: string): Exercise | null {
  return BY_FIT_CATEGORY.get(category) ?? null;
}

/** The MET of a class in the 2024 Compendium; every class code is in the table (a unit test checks it). */
export function metOfClass(metClass: MetClass): number {
  const entry = compendiumMet(MET_CLASSES[metClass], 2024);
  if (!entry) throw new Error(`Compendium code ${MET_CLASSES[metClass]} of ${metClass} is missing from the table`);
  return entry.met;
}

/** A set's exercise as stored: the catalogue's key when it knows the name, and the MET class that prices it. */
export interface ResolvedExercise {
  /** The catalogue key, or the text as given for an exercise the catalogue lacks. */
  exercise: string;
  known: boolean;
  metClass: MetClass;
}

/** A chosen class wins over the catalogue's (the person knows how hard they worked); else the catalogue's, else the default. */
export function resolveExercise(text: string, chosen: MetClass | null): ResolvedExercise {
  const found = findExercise(text);
  return {
    exercise: found ? found.key : text.trim(),
    known: found !== null,
    metClass: chosen ?? found?.metClass ?? DEFAULT_MET_CLASS,
  };
}

export function muscleGroupsOf(exercise: string): readonly MuscleGroup[] {
  return findExercise(exercise)?.muscleGroups ?? [];
}
