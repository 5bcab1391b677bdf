import { z } from "@hono/zod-openapi";
import { KG_PER_LB } from "../../domain/projections/rule3500.js";
import { offsetDateTime, SourceSchema } from "../../http/schemas.js";

// Same physiological bounds as the profile and imported body records.
export const MIN_WEIGHT_KG = 20;
export const MAX_WEIGHT_KG = 400;

const weightKg = z.number().min(MIN_WEIGHT_KG).max(MAX_WEIGHT_KG);
const weightLb = z
  .number()
  .min(MIN_WEIGHT_KG / KG_PER_LB, "must be at least 44.1 lb (20 kg)")
  .max(MAX_WEIGHT_KG / KG_PER_LB, "must be at most 881.8 lb (400 kg)")
  .openapi({ description: "Instead of weight_kg; stored as kg (× 0.45359237)" });
const bodyFatPct = z.number().min(2).max(75);

interface MeasurementFields {
  weight_kg?: number | undefined;
  weight_lb?: number | undefined;
  body_fat_pct?: number | undefined;
}

function oneWeightOrBodyFat(value: MeasurementFields, ctx: z.RefinementCtx): void {
  if (value.weight_kg !== undefined && value.weight_lb !== undefined) {
    ctx.addIssue({ code: "custom", path: ["weight_lb"], message: "send weight_kg or weight_lb, not both" });
  } else if (value.weight_kg === undefined && value.weight_lb === undefined && value.body_fat_pct === undefined) {
    ctx.addIssue({ code: "custom", path: ["weight_kg"], message: "required (or weight_lb, or at least body_fat_pct)" });
  }
}

export const CreateBodyMeasurementSchema = z
  .object({
    measured_at: offsetDateTime,
    weight_kg: weightKg.optional(),
    weight_lb: weightLb.optional(),
    body_fat_pct: bodyFatPct.optional(),
  })
  .strict()
  .superRefine(oneWeightOrBodyFat)
  .openapi("CreateBodyMeasurement");

export const BodyMeasurementSchema = z
  .object({
    id: z.string().openapi({ example: "bdy_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
    measured_at: z.string().openapi({ example: "2026-11-24T07:02:00.000+01:00" }),
    utc_offset_min: z.number().int(),
    local_date: z.string(),
    weight_kg: z.number().nullable().openapi({ description: "Rounded to 0.01 kg" }),
    weight_lb: z
      .number()
      .nullable()
      .optional()
      .openapi({ description: "Only when your unit_system is imperial: weight_kg in lb, rounded to 0.1 lb" }),
    body_fat_pct: z.number().nullable(),
    outlier: z.boolean().openapi({
      description:
        "The weight departs from your trend by more than body water and tissue can change in the time since: shown, but left out of the trend, calibration and projections",
    }),
    outlier_source: z.enum(["rule", "you"]).openapi({ description: "rule: decided by the physiological rule; you: set with PATCH" }),
    // A union, not .nullable(): on a component, .nullable() documents allOf [Source, null], which no null matches.
    source: z.union([SourceSchema, z.null()]).openapi({ description: "The imported device or app; null when only typed in" }),
    import_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("BodyMeasurement");

export const PatchBodyMeasurementSchema = z
  .object({
    outlier: z.boolean().openapi({ description: "false: this weight is right, count it; true: it is wrong, leave it out" }),
  })
  .strict()
  .openapi("PatchBodyMeasurement");

export const TrendDaySchema = z
  .object({
    date: z.string(),
    trend_weight_kg: z.number(),
    measured_weight_kg: z.number().nullable().openapi({ description: "Mean of the day's weigh-ins that are not outliers; null on a day without" }),
    trend_weight_lb: z.number().optional().openapi({ description: "Imperial profiles only (0.1 lb)" }),
    measured_weight_lb: z.number().nullable().optional().openapi({ description: "Imperial profiles only (0.1 lb)" }),
  })
  .openapi("TrendDay");

export const BodyMeasurementListSchema = z
  .object({
    measurements: z.array(BodyMeasurementSchema),
    next_cursor: z.string().nullable().openapi({ description: "Cursor of the next page; null on the last" }),
    trend: z.array(TrendDaySchema).openapi({
      description:
        "Hacker's Diet trend (α = 0.1/day, α_eff = 1 − 0.9^Δdays across gaps) over the page's dates: from its first measurement (or `from`) to its last (or `to` on the last page)",
    }),
    trend_seeded_from: z.string().nullable().openapi({
      description: "Earliest weigh-in date before the trend's first date (at most 60 days before) that fed it; null when cold-started",
    }),
  })
  .openapi("BodyMeasurementList");

export const BodyMeasurementIdParamsSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "bdy_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
});

export type CreateBodyMeasurementInput = z.infer<typeof CreateBodyMeasurementSchema>;
