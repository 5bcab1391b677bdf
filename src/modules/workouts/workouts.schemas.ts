import { z } from "@hono/zod-openapi";
import { WorkoutHiitFieldsSchema } from "../hiit/hiit.schemas.js";
import { SourceSchema } from "../samples/samples.routes.js";

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
    hr_sample_count: z.number().int(),
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

export const WorkoutListSchema = z
  .object({ workouts: z.array(WorkoutSchema), next_cursor: z.string().nullable() })
  .openapi("WorkoutList");

export const WorkoutIdParamsSchema = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" } }) });
