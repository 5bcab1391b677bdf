import { z } from "@hono/zod-openapi";
import { PROJECTION_MODELS, PROJECTION_STATUSES } from "../../db/schema/projections.js";
import { SEXES } from "../../db/schema/users.js";
import { DEFAULT_PAL } from "../../domain/projections/maintenance.js";

// Same physiological bounds as the profile and body measurements; the Hall model is an adult model.
const MIN_WEIGHT_KG = 20;
const MAX_WEIGHT_KG = 400;
export const MAX_SIMULATION_WEEKS = 520;
export const MAX_TARGET_DAYS = 3650;

const GOAL_FIELDS = "intake_change_kcal, intake_kcal, or target_weight_kg with target_days";

interface GoalFields {
  intake_change_kcal?: number | undefined;
  intake_kcal?: number | undefined;
  target_weight_kg?: number | undefined;
  target_days?: number | undefined;
}

function exactlyOneGoal(v: GoalFields, ctx: z.RefinementCtx): void {
  const target = v.target_weight_kg !== undefined || v.target_days !== undefined;
  const given = [v.intake_change_kcal !== undefined, v.intake_kcal !== undefined, target].filter(Boolean).length;
  if (given === 0) ctx.addIssue({ code: "custom", path: [], message: `send exactly one of ${GOAL_FIELDS}` });
  if (given > 1) {
    for (const field of ["intake_change_kcal", "intake_kcal", "target_weight_kg"] as const) {
      if (v[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `send only one of ${GOAL_FIELDS}` });
    }
  }
  if (v.target_weight_kg !== undefined && v.target_days === undefined) {
    ctx.addIssue({ code: "custom", path: ["target_days"], message: "required with target_weight_kg" });
  }
  if (v.target_days !== undefined && v.target_weight_kg === undefined) {
    ctx.addIssue({ code: "custom", path: ["target_weight_kg"], message: "required with target_days" });
  }
}

export const SimulateBodySchema = z
  .object({
    sex: z.enum(SEXES).optional().openapi({ description: "Default: your profile" }),
    age_years: z.number().min(18).max(110).optional().openapi({ description: "Default: from your profile's birth date" }),
    height_cm: z.number().min(100).max(250).optional().openapi({ description: "Default: your profile" }),
    weight_kg: z
      .number()
      .min(MIN_WEIGHT_KG)
      .max(MAX_WEIGHT_KG)
      .optional()
      .openapi({ description: "Default: your latest weigh-in, else your profile" }),
    body_fat_pct: z.number().min(2).max(75).optional().openapi({
      description: "Default: your latest measurement (≤ 90 days) when weight_kg is omitted too, else Jackson 2002 from BMI and age",
    }),
    pal: z
      .number()
      .min(1.2)
      .max(2.5)
      .optional()
      .openapi({
        description: `Physical activity level; maintenance = PAL × RMR. Default: your calibrated maintenance, else the mean burn of your recent whole days, else PAL ${DEFAULT_PAL}`,
      }),
    weeks: z.number().int().min(1).max(MAX_SIMULATION_WEEKS).openapi({ description: "Trajectory length; week k is day 7k" }),
    intake_change_kcal: z
      .number()
      .min(-5000)
      .max(5000)
      .optional()
      .openapi({ description: "Constant change from maintenance, kcal/day (negative = cut)" }),
    intake_kcal: z.number().min(0).max(10_000).optional().openapi({ description: "Constant daily intake" }),
    target_weight_kg: z.number().min(MIN_WEIGHT_KG).max(MAX_WEIGHT_KG).optional(),
    target_days: z.number().int().min(1).max(MAX_TARGET_DAYS).optional(),
  })
  .strict()
  .superRefine(exactlyOneGoal)
  .openapi("SimulateProjection");

export type SimulateBody = z.infer<typeof SimulateBodySchema>;

const DynamicPointSchema = z.object({ week: z.number().int(), weight_kg: z.number(), fat_mass_kg: z.number(), lean_mass_kg: z.number() });
const TrajectoryPointSchema = z.object({
  week: z.number().int(),
  weight_kg: z.number(),
  fat_mass_kg: z.number().nullable(),
  lean_mass_kg: z.number().nullable().openapi({ description: "Fat-free mass: weight − fat" }),
});

export const SimulationSchema = z
  .object({
    rmr_kcal: z.number().openapi({ description: "Mifflin–St Jeor as refitted in the Hall model (height in metres)" }),
    maintenance_intake_kcal: z.number().openapi({ description: "The intake that holds today's weight: see inputs.maintenance_source" }),
    intake_kcal: z.number().openapi({ description: "The constant daily intake simulated" }),
    inputs: z.object({
      sex: z.enum(SEXES),
      age_years: z.number(),
      height_cm: z.number(),
      weight_kg: z.number(),
      weight_source: z.enum(["request", "measured", "profile"]),
      body_fat_pct: z.number(),
      body_fat_source: z.enum(["request", "measured", "jackson-2002"]),
      pal: z.number().openapi({ description: "maintenance_intake_kcal ÷ rmr_kcal: the PAL sent, or the one your own maintenance implies" }),
      maintenance_source: z.enum(["calibrated", "measured", "pal"]).openapi({
        description: "calibrated: your weight trend and intake (28 days); measured: the mean burn of your recent whole days; pal: PAL × RMR",
      }),
      weeks: z.number().int(),
    }),
    models: z.object({
      dynamic: z.array(DynamicPointSchema).openapi({ description: "Hall 2011 (glycogen energy fixed), weeks 0..weeks" }),
      rule3500: z.array(z.object({ week: z.number().int(), weight_kg: z.number() })).openapi({ description: "3,500 kcal per lb, weeks 0..weeks" }),
    }),
    flags: z.array(z.string()).openapi({ description: "Guideline warnings (docs/science.md §5.6); they never change the numbers" }),
    required_intake_kcal: z.number().optional().openapi({ description: "Goal mode: constant intake that reaches the target on target_days" }),
    maintenance_after_kcal: z.number().optional().openapi({ description: "Goal mode: intake that holds the weight reached" }),
    weight_at_target_kg: z.number().optional(),
    model_version: z.string(),
  })
  .openapi("Simulation");

const num = (description: string) => z.number().nullable().optional().openapi({ description });

const CalibrationInputsSchema = z
  .object({
    adaptive_tdee_kcal: z.number().openapi({ description: "Intake + the weight trend's energy (kcal/day) over the window" }),
    tdee_half_width_kcal: z.number().nullable().openapi({ description: "95 % half-width of adaptive_tdee_kcal" }),
    mean_burn_kcal: z.number().openapi({ description: "Mean measured burn over the same days" }),
    factor: z.number().openapi({ description: "adaptive_tdee_kcal / mean_burn_kcal" }),
    applied: z.boolean().openapi({ description: "Within the plausible bounds, so the burn was scaled by it" }),
    days_with_weight_and_intake: z.number().int(),
    slope_kg_per_day: z.number().openapi({ description: "The weight trend's slope (kg/day, to 1 g)" }),
    energy_density_kcal_per_kg: z.number().openapi({ description: "ρ of the change (Hall 2008 / Forbes), kcal/kg" }),
    window_from: z.string(),
    window_to: z.string(),
  })
  .openapi("WeekCalibration");

/**
 * One object for every shape a row's inputs take: which fields are present depends on the model and status (an
 * insufficient week names its logged days, a projected 3,500-kcal row its rule constants, a projected dynamic row
 * the person, the calibration and the deficit mapping, a row the model could not run its reason).
 */
export const WeekProjectionInputsSchema = z
  .object({
    logged_days: z.number().int().optional().openapi({ description: "insufficient_data rows: complete logged days in the week" }),
    min_logged_days: z.number().int().optional(),
    mean_deficit_kcal: num("rule3500: the week's mean deficit"),
    kcal_per_lb: num("rule3500: 3,500 kcal per lb of weight"),
    kg_per_lb: num("rule3500: 0.45359237"),
    start_weight_kg: num("rule3500: the latest weight the trajectory starts from"),
    weight_source: z.string().nullable().optional().openapi({ description: "measured or profile" }),
    calibration_applied: z.boolean().optional(),
    missing: z.array(z.string()).optional().openapi({ description: "incomplete_profile rows: the profile fields the model needs" }),
    reason: z.string().optional().openapi({ description: "model_out_of_range rows: why the model could not start" }),
    sex: z.enum(["female", "male"]).optional(),
    age_years: num("dynamic: age on the week's last day"),
    height_cm: num("dynamic"),
    weight_kg: num("dynamic: the start weight"),
    body_fat_pct: num("dynamic: measured, else Jackson 2002 from the profile"),
    body_fat_source: z.string().optional(),
    fat_mass_kg: num("dynamic: the start fat mass"),
    mean_intake_kcal: num("dynamic: the week's mean intake"),
    mean_burn_kcal: num("dynamic: the week's mean measured burn"),
    calibration: CalibrationInputsSchema.nullable().optional().openapi({ description: "dynamic: the 28-day calibration, when there is one" }),
    burn_used_kcal: num("dynamic: the burn after calibration"),
    deficit_used_kcal: num("dynamic: burn_used_kcal − mean_intake_kcal"),
    intake_change_kcal: num("dynamic: the model's day-0 intake change"),
    maintenance_intake_kcal: num("dynamic: the intake that would hold the start weight"),
    intake_held_kcal: num("dynamic: the intake held over the trajectory"),
    deficit_mapping: z.string().optional(),
  })
  .openapi("WeekProjectionInputs", { description: "What the model started from and was driven by" });

export type WeekProjectionInputs = z.infer<typeof WeekProjectionInputsSchema>;

export const WeekProjectionSchema = z
  .object({
    week_start: z.string().openapi({ example: "2026-11-23", description: "Monday of the local ISO week" }),
    model: z.enum(PROJECTION_MODELS),
    status: z.enum(PROJECTION_STATUSES),
    logged_days: z.number().int().openapi({ description: "Complete days with logged intake in the week" }),
    mean_deficit_kcal: z.number().nullable().openapi({ description: "Mean burned − intake over those days; null under 4 days" }),
    projected_change_kg: z
      .number()
      .nullable()
      .openapi({ description: "The week's change the model predicts from its mean deficit (negative = loss)" }),
    projected_change_kg_range: z.tuple([z.number(), z.number()]).nullable().openapi({
      description:
        "[low, high] of projected_change_kg from the days' burn ranges (narrower once calibrated): the change you can expect, not a promise",
    }),
    projected_change_lb: z.number().nullable(),
    trajectory: z.array(TrajectoryPointSchema).openapi({ description: "Weeks 0..12 from the latest weight at the deficit/intake of this week" }),
    observed_change_kg: z.number().nullable().openapi({ description: "Trend-weight change over the week; null without weigh-ins before and in it" }),
    calibration_factor: z.number().nullable().openapi({ description: "Adaptive TDEE / mean measured burn, after 14 days of weights and intake" }),
    flags: z.array(z.string()),
    inputs: WeekProjectionInputsSchema,
    model_version: z.string(),
    computed_at: z.string(),
  })
  .openapi("WeekProjection");

export const WeeklyProjectionsSchema = z
  .object({
    weeks: z.array(WeekProjectionSchema),
    next_cursor: z.string().nullable().openapi({ description: "Cursor of the next page; null on the last" }),
    pending: z.boolean().openapi({ description: "True while recomputes or projections for you are queued or running" }),
  })
  .openapi("WeeklyProjections");
