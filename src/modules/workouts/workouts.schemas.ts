import { z } from "@hono/zod-openapi";
import { VALUE_SOURCES } from "../../db/schema/workouts.js";
import { MET_CLASS_NAMES } from "../../domain/training/exercise-catalogue.js";
import { MAX_SETS_PER_WORKOUT } from "../../domain/training/set-rules.js";
import { SourceSchema, supportedDateTime } from "../../http/schemas.js";
import { WorkoutHiitFieldsSchema } from "../hiit/index.js";

const valueSource = (what: string) =>
  z
    .enum(VALUE_SOURCES)
    .nullable()
    .openapi({
      description: `Where ${what} came from: "device" = the recorder's own summary (FIT session/laps, TCX laps, Apple workout statistics, the value sent to /v1/sync); "samples" = computed from the workout's points because the device wrote none; null = no value`,
    });

export const WorkoutSchema = z
  .object({
    id: z.string(),
    activity_type: z.string().openapi({ example: "running" }),
    start: z.string(),
    end: z.string(),
    local_date: z.string(),
    duration_s: z.number(),
    active_energy_kcal: z.number().nullable(),
    distance_m: z.number().nullable(),
    avg_hr_bpm: z.number().nullable(),
    max_hr_bpm: z.number().nullable(),
    duration_source: valueSource("duration_s"),
    energy_source: valueSource("active_energy_kcal"),
    distance_source: valueSource("distance_m"),
    avg_hr_source: valueSource("avg_hr_bpm"),
    max_hr_source: valueSource("max_hr_bpm"),
    hr_sample_count: z.number().int(),
    hr_points_dropped: z.number().int().openapi({
      description: "Heart-rate points left out as impossible (0 or over 250 bpm, not a number, outside the workout's time)",
    }),
    speed_points_dropped: z
      .number()
      .int()
      .openapi({ description: "Speed points left out (negative, over 100 m/s, not a number, outside the workout)" }),
    power_points_dropped: z
      .number()
      .int()
      .openapi({ description: "Power points left out (negative, over 3,000 W, not a number, outside the workout)" }),
    device_labeled_hiit: z.boolean().openapi({ description: "The device itself called it HIIT" }),
    external_id: z.string().nullable(),
    source: SourceSchema,
    import_id: z.string().nullable(),
    counted: z.boolean().openapi({
      description: "True on the one record that stands for its activity; false on other records of the same activity (see duplicate_of)",
    }),
    duplicate_of: z.string().nullable().openapi({ description: "The id of the workout that counts for this activity; null when this one counts" }),
    duplicate_reason: z
      .string()
      .nullable()
      .openapi({ example: "duplicate of wkt_06h0rnta7f4sezdsb39rs3kgvg (same activity from a higher-priority source)" }),
  })
  .openapi("Workout");

const point = z.object({ t: z.string(), value: z.number() });

const metClass = z.enum(MET_CLASS_NAMES).openapi({
  description: "The kind of effort that prices the set (a 2024 Compendium code each, see GET /v1/exercises)",
});

export const WorkoutSetSchema = z
  .object({
    exercise: z.string().openapi({ description: "A catalogue key (GET /v1/exercises), or the text as given for an exercise the catalogue lacks" }),
    known_exercise: z.boolean(),
    met_class: metClass,
    reps: z.number().int().nullable(),
    weight_kg: z.number().nullable(),
    duration_s: z.number().nullable(),
    rpe: z.number().nullable(),
    start_offset_s: z.number().nullable().openapi({ description: "Seconds from the workout's start to the set's, when the recorder wrote it (FIT)" }),
  })
  .openapi("WorkoutSet");

export const WorkoutDetailSchema = WorkoutSchema.extend({
  heart_rate: z.array(z.object({ t: z.string(), bpm: z.number() })),
  speed_mps: z.array(point),
  power_w: z.array(point),
  sets: z.array(WorkoutSetSchema).openapi({ description: "Strength sets in order; empty when the workout has none" }),
})
  .extend(WorkoutHiitFieldsSchema.shape)
  .openapi("WorkoutDetail");

export const WorkoutListSchema = z.object({ workouts: z.array(WorkoutSchema), next_cursor: z.string().nullable() }).openapi("WorkoutList");

export const WorkoutIdParamsSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const WorkoutSetInputSchema = z
  .object({
    exercise: z.string().trim().min(1).max(100).openapi({ example: "dumbbell_row" }),
    met_class: metClass.optional().openapi({ description: "For an exercise the catalogue lacks; default resistance_moderate (02054, 3.5 MET)" }),
    reps: z.number().optional().openapi({ description: "Whole number, 0–1,000" }),
    weight_kg: z.number().optional().openapi({ description: "Load, 0–600 kg" }),
    duration_s: z.number().optional().openapi({ description: "Above 0, at most 3 h" }),
    rpe: z.number().optional().openapi({ description: "Perceived exertion, 0–10" }),
  })
  .strict()
  .openapi("WorkoutSetInput");

const isoWithOffset = supportedDateTime;

export const CreateWorkoutSchema = z
  .object({
    external_id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Your own id; without it, the same start and type is the same workout" }),
    activity_type: z.string().trim().min(1).max(100).openapi({ example: "strength_training" }),
    start: isoWithOffset,
    end: isoWithOffset.optional().openapi({ description: "Give end or duration_s" }),
    duration_s: z.number().finite().positive().max(86_400).optional(),
    active_energy_kcal: z
      .number()
      .finite()
      .min(0)
      .max(20_000)
      .optional()
      .openapi({ description: "Active energy, if you know it; without it, a strength session is priced by its sets" }),
    sets: z.array(WorkoutSetInputSchema).max(MAX_SETS_PER_WORKOUT).optional(),
  })
  .strict()
  .openapi("CreateWorkout");

export const PatchWorkoutSchema = z
  .object({
    activity_type: z.string().trim().min(1).max(100).optional(),
    start: isoWithOffset.optional(),
    end: isoWithOffset.optional(),
    active_energy_kcal: z.number().finite().min(0).max(20_000).nullable().optional().openapi({ description: "null removes it" }),
    sets: z.array(WorkoutSetInputSchema).max(MAX_SETS_PER_WORKOUT).optional().openapi({ description: "Replaces all sets; [] removes them" }),
  })
  .strict()
  .openapi("PatchWorkout");

export type CreateWorkoutBody = z.infer<typeof CreateWorkoutSchema>;
export type PatchWorkoutBody = z.infer<typeof PatchWorkoutSchema>;
