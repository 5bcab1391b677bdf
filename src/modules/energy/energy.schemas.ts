import { z } from "@hono/zod-openapi";
import { DAY_FLAGS } from "../../domain/days/day-plausibility.js";
import { localDateSchema } from "../../http/schemas.js";
import { DAY_STATUSES } from "../../lib/vocabulary.js";
import { DaySleepSchema } from "../sleep/index.js";

const kcalRange = (description: string) =>
  z
    .tuple([z.number(), z.number()])
    .nullable()
    .openapi({ description, example: [2150.5, 2874.1] });

export const DaySchema = z
  .object({
    date: z.string().openapi({ example: "2026-11-23" }),
    basal_kcal: z.number().nullable(),
    active_kcal: z.number().nullable(),
    burned_kcal: z.number().nullable(),
    burned_kcal_range: kcalRange(
      "[low, high] the true burn most likely lies in: each method's published error, or the narrower range your weight trend supports once calibrated",
    ),
    intake_kcal: z.number().nullable().openapi({ description: "null when the day is unlogged (unknown, never 0)" }),
    deficit_kcal: z.number().nullable().openapi({ description: "burned − intake; positive is a deficit" }),
    deficit_kcal_range: kcalRange("burned_kcal_range − intake; null when intake is unknown"),
    range_source: z.enum(["method_error", "calibration"]).nullable().openapi({ description: "What the ranges rest on" }),
    steps: z.number().int().nullable(),
    status: z.enum(DAY_STATUSES).openapi({ description: "in_progress: the current local day, shown so far and never counted" }),
    flags: z.array(z.enum(DAY_FLAGS)).openapi({ description: "Physiologically implausible intake or burn: left out of means until confirmed" }),
    confirmed: z.boolean().openapi({ description: "You confirmed the flagged values (PUT /v1/days/{date}/confirm): the day counts" }),
    coverage_hours: z.number(),
    intake_status: z.string().openapi({ example: "logged" }),
    sources: z.object({
      basal: z.string().openapi({ example: "device" }),
      active: z.string().openapi({ example: "workouts+steps" }),
    }),
    hiit_sessions: z.number().int(),
    sleep_minutes: z.number().nullable().openapi({
      description:
        "Asleep minutes (asleep, core, deep, REM; not in bed or awake) of the sleep that ended this local date, the night and naps; null when there is no sleep data (unknown, never 0)",
    }),
    computed_at: z.string().nullable(),
  })
  .openapi("Day");

export const DaysSchema = z
  .object({
    days: z.array(DaySchema),
    pending: z.boolean().openapi({ description: "True while recompute jobs for you are queued or running" }),
  })
  .openapi("Days");

const SourceShareSchema = z
  .object({
    name: z.string().openapi({ example: "Alice's Apple Watch" }),
    device_type: z.string().openapi({ example: "watch" }),
    value: z.number().openapi({ description: "kcal this source gave the day after the source-priority merge" }),
  })
  .openapi("DaySourceShare");

const DayWorkoutPartSchema = z
  .object({
    id: z.string(),
    activity_type: z.string(),
    local_date: z.string().openapi({ description: "The workout's own local date (its start, at its own offset)" }),
    day_fraction: z.number().openapi({ description: "Share of the workout inside this day (a workout across midnight is split by time)" }),
    energy_kcal: z.number().nullable().openapi({ description: "Net-of-resting energy this day; null when not estimated" }),
    method: z
      .string()
      .nullable()
      .openapi({ example: "workouts", description: "workouts (the record's own energy), heart_rate (Keytel), met, steps, power" }),
    counted: z.boolean().openapi({ description: "Whether this energy is in the day's active_kcal (device energy wins over estimates)" }),
    duplicate_of: z.string().nullable(),
    reason: z.string().openapi({ example: "the workout's own energy, net of resting" }),
  })
  .openapi("DayWorkoutPart");

export const DayBreakdownSchema = z
  .object({
    basal: z.object({ method: z.string().openapi({ example: "device" }), sources: z.array(SourceShareSchema) }),
    active: z.object({
      method: z.string().openapi({ example: "workouts+steps" }),
      sources: z.array(SourceShareSchema),
      superseded_estimate_kcal: z
        .number()
        .nullable()
        .openapi({ description: "Estimates left out because the device wrote active energy (never both)" }),
    }),
    workouts: z.array(DayWorkoutPartSchema),
    intake: z.object({
      entries: z.number().int(),
      status: z.string().openapi({ example: "logged" }),
      possibly_partial: z.boolean(),
    }),
    estimate_inputs: z
      .object({
        bmr_equation: z.string().openapi({ example: "mifflin_st_jeor" }),
        weight_kg: z.number(),
        height_cm: z.number(),
        age_years: z.number(),
        sex: z.enum(["female", "male"]),
      })
      .nullable()
      .openapi({ description: "The profile values the estimates used; null when the profile lacks them" }),
    day_length_hours: z.number().openapi({ description: "23 or 25 on DST change days" }),
  })
  .openapi("DayBreakdown", { description: "What the day's numbers were computed from" });

export type DayBreakdown = z.infer<typeof DayBreakdownSchema>;

export const DayDetailSchema = DaySchema.extend({
  day_length_hours: z.number().nullable(),
  // A union, not .nullable(): a registered schema made nullable loses its null in the 3.1 document.
  breakdown: z.union([DayBreakdownSchema, z.null()]).openapi({ description: "null for a day never computed" }),
  sleep: z.union([DaySleepSchema, z.null()]).openapi({ description: "null when no sleep ended on this date" }),
  pending: z.boolean(),
}).openapi("DayDetail");

export const DateParamsSchema = z.object({
  date: localDateSchema.openapi({ param: { name: "date", in: "path" }, example: "2026-11-23" }),
});

export const DayConfirmationSchema = z
  .object({
    date: z.string(),
    flags: z.array(z.enum(DAY_FLAGS)).openapi({ description: "The flags confirmed" }),
    confirmed: z.literal(true),
    confirmed_at: z.string(),
  })
  .openapi("DayConfirmation");

export const SummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days_used: z.number().int(),
    mean_deficit_kcal: z.number().nullable(),
    mean_burned_kcal: z.number().nullable(),
    mean_intake_kcal: z.number().nullable(),
    sleep_nights: z.number().int().openapi({ description: "Days of the range with known asleep minutes" }),
    mean_sleep_minutes: z.number().nullable().openapi({ description: "Mean asleep minutes over those days; null without any" }),
    nights_7h_or_more: z.number().int().openapi({
      description: "Of those days, how many reached 7 h asleep (adults: 7 or more hours, AASM/SRS consensus, Watson et al. 2015)",
    }),
    excluded: z.array(z.object({ date: z.string(), reason: z.string() })),
    pending: z.boolean(),
  })
  .openapi("Summary");
