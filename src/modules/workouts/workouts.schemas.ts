import { z } from "@hono/zod-openapi";
import { VALUE_SOURCES } from "../../db/schema/workouts.js";
import { SourceSchema } from "../../http/schemas.js";
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

export const WorkoutDetailSchema = WorkoutSchema.extend({
  heart_rate: z.array(z.object({ t: z.string(), bpm: z.number() })),
  speed_mps: z.array(point),
  power_w: z.array(point),
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
