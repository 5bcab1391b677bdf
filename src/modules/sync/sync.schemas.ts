import { z } from "@hono/zod-openapi";
import { supportedDateTime } from "../../http/schemas.js";
import { DEVICE_TYPES, SAMPLE_TYPES } from "../../lib/vocabulary.js";

export const MAX_SYNC_ITEMS = 50_000;

const isoWithOffset = supportedDateTime;

export const SyncSourceSchema = z
  .object({ name: z.string().trim().min(1).max(200), device_type: z.enum(DEVICE_TYPES), device: z.string().max(200).optional() })
  .strict();

/** Canonical units only; the sync API takes what companion apps already normalise. */
export const SYNC_UNITS = {
  steps: ["count"],
  active_energy: ["kcal", "kJ"],
  basal_energy: ["kcal", "kJ"],
  heart_rate: ["bpm", "count/min"],
  resting_heart_rate: ["bpm", "count/min"],
  dietary_energy: ["kcal", "kJ"],
  body_mass: ["kg", "lb"],
  body_fat_percentage: ["%"],
  distance: ["m", "km", "mi"],
  sleep_in_bed: ["min"],
  sleep_asleep: ["min"],
  sleep_core: ["min"],
  sleep_deep: ["min"],
  sleep_rem: ["min"],
  sleep_awake: ["min"],
} as const;

export const SyncSampleSchema = z
  .object({
    type: z.enum(SAMPLE_TYPES),
    start: isoWithOffset,
    end: isoWithOffset,
    value: z.number().finite(),
    unit: z.string().max(16),
    source: SyncSourceSchema,
  })
  .strict();

export const SyncWorkoutSchema = z
  .object({
    external_id: z.string().trim().min(1).max(200).optional(),
    activity_type: z.string().trim().min(1).max(100),
    start: isoWithOffset,
    end: isoWithOffset,
    active_energy_kcal: z.number().finite().min(0).max(20_000).optional(),
    distance_m: z.number().finite().min(0).max(1_000_000).optional(),
    duration_s: z.number().finite().min(0).optional().openapi({ description: "Moving (timer) time the device recorded; default end − start" }),
    avg_hr_bpm: z
      .number()
      .finite()
      .optional()
      .openapi({ description: "The device's own average heart rate; kept over the one computed from heart_rate" }),
    max_hr_bpm: z.number().finite().optional().openapi({ description: "The device's own maximum heart rate" }),
    source: SyncSourceSchema,
    heart_rate: z
      .array(z.object({ t: isoWithOffset, bpm: z.number().finite() }).strict())
      .max(200_000)
      .optional(),
    sets: z.array(z.unknown()).max(500).optional().openapi({
      description:
        'Strength sets in order, each {"exercise", "met_class"?, "reps"?, "weight_kg"?, "duration_s"?, "rpe"?} as POST /v1/workouts takes them (WorkoutSetInput). Each set is checked alone: an impossible one is listed in rejected_items (workouts[i].sets[j]) and the workout kept without it.',
    }),
  })
  .strict();

export const SyncSampleComponent = SyncSampleSchema.openapi("SyncSample", {
  description:
    "One reading; `value` in `unit` (converted to the type's canonical unit: kcal, bpm, kg, m, count, %). A sleep stage (sleep_in_bed, sleep_asleep, sleep_core, sleep_deep, sleep_rem, sleep_awake) is one segment: `value` is its minutes (at most end − start), unit `min`.",
  example: {
    type: "steps",
    start: "2026-11-24T07:00:00+01:00",
    end: "2026-11-24T07:15:00+01:00",
    value: 1234,
    unit: "count",
    source: { name: "Pixel Watch 2", device_type: "watch" },
  },
});
export const SyncWorkoutComponent = SyncWorkoutSchema.openapi("SyncWorkout", {
  example: {
    external_id: "run-2026-11-24",
    activity_type: "running",
    start: "2026-11-24T07:30:00+01:00",
    end: "2026-11-24T08:10:00+01:00",
    active_energy_kcal: 412,
    distance_m: 7420,
    source: { name: "Pixel Watch 2", device_type: "watch" },
    heart_rate: [
      { t: "2026-11-24T07:30:05+01:00", bpm: 96 },
      { t: "2026-11-24T07:31:05+01:00", bpm: 131 },
    ],
  },
});

// Items are validated one by one (a bad item is rejected and listed, the rest kept), so the envelope checks only
// that they are arrays; the document still describes each item in full, so a generated client types them.
export const SyncBodySchema = z
  .object({
    samples: z
      .array(z.unknown())
      .max(MAX_SYNC_ITEMS)
      .default([])
      .openapi({ type: "array", items: { $ref: "#/components/schemas/SyncSample" }, maxItems: MAX_SYNC_ITEMS }),
    workouts: z
      .array(z.unknown())
      .max(1_000)
      .default([])
      .openapi({ type: "array", items: { $ref: "#/components/schemas/SyncWorkout" }, maxItems: 1_000 }),
  })
  .strict()
  .openapi("SyncBatch");

export const DroppedPointsSchema = z
  .object({
    index: z.number().int().openapi({ description: "Position of the workout in the request's workouts" }),
    path: z.string().openapi({ example: "workouts[0]" }),
    heart_rate: z.number().int(),
    speed: z.number().int(),
    power: z.number().int(),
  })
  .openapi("DroppedPoints", {
    description:
      "Impossible points left out of a kept workout (0 or over 250 bpm, not a number, outside the workout's time); listed only for workouts that lost points",
  });

export const SyncResultSchema = z
  .object({
    accepted: z.number().int().openapi({ description: "New items stored" }),
    duplicate: z.number().int().openapi({ description: "Valid items already stored before" }),
    rejected: z.number().int(),
    rejected_items: z.array(z.object({ index: z.number().int(), path: z.string(), reason: z.string() })),
    dropped_points: z.array(DroppedPointsSchema),
  })
  .openapi("SyncResult");

export type SyncSample = z.infer<typeof SyncSampleSchema>;
export type SyncWorkout = z.infer<typeof SyncWorkoutSchema>;
