import { z } from "@hono/zod-openapi";

const offsetTime = z.string().openapi({ example: "2026-11-20T18:05:21.000+01:00" });

export const HiitIntervalSchema = z
  .object({
    start: offsetTime,
    end: offsetTime,
    peak_bpm: z.number().nullable().openapi({ description: "Highest 5-s smoothed HR; null if HR is missing (power/speed bout)" }),
    mean_bpm: z.number().nullable(),
  })
  .openapi("HiitInterval");

export const HiitSessionSchema = z
  .object({
    id: z.string(),
    workout_id: z.string().nullable().openapi({ description: "null for a session found in heart rate outside workouts" }),
    start: offsetTime,
    end: offsetTime,
    intervals: z.array(HiitIntervalSchema),
    work_seconds: z.number(),
    recovery_seconds: z.number(),
    threshold_bpm: z.number().openapi({ description: "Work threshold: 85 % of hr_max_bpm" }),
    hr_max_bpm: z.number().openapi({ description: "HRmax used: profile, else observed 90-day maximum, else Tanaka" }),
    method_version: z.string().openapi({ example: "hiit-hr-hysteresis/2" }),
  })
  .openapi("HiitSession");

export const HiitSessionsSchema = z
  .object({
    sessions: z.array(HiitSessionSchema),
    next_cursor: z.string().nullable().openapi({ description: "Cursor of the next page; null on the last" }),
    pending: z.boolean().openapi({ description: "True while HIIT detection jobs for you are queued or running" }),
  })
  .openapi("HiitSessions");

export const IntensityMinutesSchema = z
  .object({
    very_light: z.number(),
    light: z.number(),
    moderate: z.number(),
    vigorous: z.number(),
    near_maximal: z.number(),
  })
  .openapi("IntensityMinutes", { description: "Minutes per ACSM band (% of HRmax: <57, 57–63, 64–76, 77–95, ≥96)" });

/** The fields GET /v1/workouts/{id} adds from the workout's HIIT analysis. */
export const WorkoutHiitFieldsSchema = z.object({
  hiit: z.boolean().nullable().openapi({ description: "Detected HIIT (not the device's label); null until analysed" }),
  hiit_intervals: z.array(HiitIntervalSchema),
  // A union, not .nullable(): a registered schema made nullable loses its null in the 3.1 document.
  intensity_minutes: z.union([IntensityMinutesSchema, z.null()]).openapi({ description: "Minutes per band; null until analysed" }),
});
