import { z } from "@hono/zod-openapi";
import { EQUIPMENT, MET_CLASS_NAMES, MUSCLE_GROUPS } from "../../domain/training/exercise-catalogue.js";

export const ExerciseSchema = z
  .object({
    key: z.string().openapi({ example: "dumbbell_row" }),
    name: z.string().openapi({ example: "Dumbbell row" }),
    muscle_groups: z.array(z.enum(MUSCLE_GROUPS)),
    equipment: z.enum(EQUIPMENT),
    met_class: z.enum(MET_CLASS_NAMES),
    compendium_code: z.string().openapi({ example: "02054", description: "2024 Adult Compendium of Physical Activities code" }),
    met: z.number().openapi({ example: 3.5, description: "MET of that code, 2024 edition" }),
    guide: z.boolean().openapi({ description: "One of the guide's eight back exercises" }),
    fit_categories: z.array(z.string()).openapi({ description: "FIT SDK exercise categories that mean this exercise" }),
  })
  .openapi("Exercise");

export const MetClassSchema = z
  .object({ met_class: z.enum(MET_CLASS_NAMES), compendium_code: z.string(), activity: z.string(), met: z.number() })
  .openapi("MetClass");

export const ExerciseCatalogueSchema = z
  .object({
    exercises: z.array(ExerciseSchema),
    met_classes: z.array(MetClassSchema),
    default_met_class: z.enum(MET_CLASS_NAMES).openapi({ description: "The class of an exercise outside the catalogue when the set names none" }),
  })
  .openapi("ExerciseCatalogue");

const target = (what: string) => z.object({ days: z.number().int(), target: z.number().int(), met: z.boolean() }).openapi({ description: what });

export const TrainingWeekSchema = z
  .object({
    week_start: z.string().openapi({ example: "2026-11-23", description: "Monday of the local ISO week" }),
    strength_sessions: z.number().int().openapi({ description: "Strength activities, each counted once (docs/activities.md)" }),
    strength_days: z.array(z.string()),
    sets: z.number().int(),
    muscle_groups: z.array(
      z.object({
        muscle_group: z.string().openapi({ example: "back", description: '"unclassified" for exercises outside the catalogue' }),
        sets: z.number().int(),
        reps: z.number().int(),
        volume_kg: z.number().openapi({ description: "Σ reps × load (kg); sets without a load add nothing" }),
      }),
    ),
    hiit_minutes: z.number(),
    moderate_minutes: z.number(),
    vigorous_minutes: z.number(),
    steps_per_day: z.array(z.object({ date: z.string(), steps: z.number().int().nullable() })),
    mean_steps: z.number().nullable(),
    who: z.object({
      aerobic: z.object({
        moderate_equivalent_min: z.number().openapi({ description: "moderate + 2 × vigorous minutes" }),
        target_min: z.number(),
        upper_min: z.number(),
        met: z.boolean(),
        reached_upper: z.boolean(),
      }),
      muscle_strengthening: target("Days with strength work; WHO 2020 asks for 2 or more"),
    }),
    guide: z.object({
      back_exercises: target("Days with an exercise that trains the back"),
      walking_more: z.object({
        mean_steps: z.number().nullable(),
        previous_week_mean_steps: z.number().nullable(),
        met: z.boolean().nullable().openapi({ description: "More steps a day than the week before; null without steps in either week" }),
      }),
    }),
  })
  .openapi("TrainingWeek");

export const TrainingWeeksSchema = z
  .object({
    weeks: z.array(TrainingWeekSchema),
    pending: z.boolean().openapi({ description: "Days of the caller are still being recomputed (steps and HIIT may change)" }),
  })
  .openapi("TrainingWeeks");
