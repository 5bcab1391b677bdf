import { z } from "@hono/zod-openapi";
import { INTAKE_ORIGINS, MEALS } from "../../db/schema/intake.js";
import { KJ_PER_KCAL } from "../../domain/units.js";
import { localDateSchema, offsetDateTime } from "../../http/schemas.js";
import { INTAKE_DAY_STATUSES } from "../../lib/vocabulary.js";

// Above ~20,000 kcal one entry is a typo or a unit mix-up, not a meal (same bound as imported intake rows).
export const MAX_ENTRY_ENERGY_KCAL = 20_000;
export const MAX_BATCH_ENTRIES = 1000;
// One entry's macronutrient cannot outweigh the food a person could eat at once; catches mg/g mix-ups.
const MAX_MACRO_G = 5_000;

const energyKcal = z.number().min(0).max(MAX_ENTRY_ENERGY_KCAL);
const energyKj = z
  .number()
  .min(0)
  .max(MAX_ENTRY_ENERGY_KCAL * KJ_PER_KCAL, `must be at most ${MAX_ENTRY_ENERGY_KCAL * KJ_PER_KCAL} kJ (20,000 kcal)`)
  .openapi({ description: "Instead of energy_kcal; stored as kcal (÷ 4.184, rounded to 0.01 kcal)" });
const macroG = z.number().min(0).max(MAX_MACRO_G);
const name = z.string().trim().min(1).max(200);
const externalId = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: "Your id for the entry: posting it again updates the same entry instead of adding one" });
const meal = z.enum(MEALS);

interface EnergyFields {
  energy_kcal?: number | undefined;
  energy_kj?: number | undefined;
}

const bothEnergies = "send energy_kcal or energy_kj, not both";

function exactlyOneEnergy(value: EnergyFields, ctx: z.RefinementCtx): void {
  if (value.energy_kcal === undefined && value.energy_kj === undefined) {
    ctx.addIssue({ code: "custom", path: ["energy_kcal"], message: "required (or send energy_kj instead)" });
  } else if (value.energy_kcal !== undefined && value.energy_kj !== undefined) {
    ctx.addIssue({ code: "custom", path: ["energy_kj"], message: bothEnergies });
  }
}

function atMostOneEnergy(value: EnergyFields, ctx: z.RefinementCtx): void {
  if (value.energy_kcal !== undefined && value.energy_kj !== undefined) {
    ctx.addIssue({ code: "custom", path: ["energy_kj"], message: bothEnergies });
  }
}

export const IntakeEntryInputSchema = z
  .object({
    consumed_at: offsetDateTime,
    energy_kcal: energyKcal.optional(),
    energy_kj: energyKj.optional(),
    name: name.nullish(),
    meal: meal.nullish(),
    protein_g: macroG.nullish(),
    carbs_g: macroG.nullish(),
    fat_g: macroG.nullish(),
    external_id: externalId.nullish(),
  })
  .strict()
  .superRefine(exactlyOneEnergy)
  .openapi("IntakeEntryInput");

export const IntakeBatchInputSchema = z
  .object({ entries: z.array(IntakeEntryInputSchema).min(1).max(MAX_BATCH_ENTRIES) })
  .strict()
  .openapi("IntakeBatchInput");

/**
 * Picks the shape by the `entries` key and validates with that schema alone, so errors name the exact field
 * (`entries.3.energy_kcal`) instead of zod's ambiguous "matches no union member". Documented as the union.
 */
function validateByShape(value: unknown, ctx: z.RefinementCtx): unknown {
  const isBatch = typeof value === "object" && value !== null && "entries" in value;
  const result = (isBatch ? IntakeBatchInputSchema : IntakeEntryInputSchema).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue });
  return value;
}

export const CreateIntakeSchema = z.preprocess(validateByShape, z.union([IntakeBatchInputSchema, IntakeEntryInputSchema]));

export const IntakePatchSchema = z
  .object({
    consumed_at: offsetDateTime,
    energy_kcal: energyKcal,
    energy_kj: energyKj,
    name: name.nullable(),
    meal: meal.nullable(),
    protein_g: macroG.nullable(),
    carbs_g: macroG.nullable(),
    fat_g: macroG.nullable(),
    external_id: externalId.nullable(),
  })
  .partial()
  .strict()
  .superRefine(atMostOneEnergy)
  .openapi("IntakePatch");

export const IntakeEntrySchema = z
  .object({
    id: z.string().openapi({ example: "int_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
    consumed_at: z.string().openapi({ example: "2026-11-24T08:15:00.000+01:00" }),
    utc_offset_min: z.number().int(),
    local_date: z.string(),
    energy_kcal: z.number(),
    name: z.string().nullable(),
    meal: meal.nullable(),
    protein_g: z.number().nullable(),
    carbs_g: z.number().nullable(),
    fat_g: z.number().nullable(),
    external_id: z.string().nullable(),
    origin: z.enum(INTAKE_ORIGINS),
    import_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("IntakeEntry");

export const IntakeBatchSchema = z.object({ entries: z.array(IntakeEntrySchema) }).openapi("IntakeBatch");

export const IntakeListSchema = z.object({ entries: z.array(IntakeEntrySchema), next_cursor: z.string().nullable() }).openapi("IntakeList");

export const IntakeIdParamsSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "int_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
});

export type IntakeEntryInput = z.infer<typeof IntakeEntryInputSchema>;
export type CreateIntakeInput = z.infer<typeof CreateIntakeSchema>;
export type IntakePatch = z.infer<typeof IntakePatchSchema>;

// A day's declared logging status (/v1/days/{date}/intake-status).

export const DayParamsSchema = z.object({
  date: localDateSchema.openapi({ param: { name: "date", in: "path" }, example: "2026-11-24", description: "Local date" }),
});

export const DeclareIntakeStatusSchema = z
  .object({
    status: z.enum(INTAKE_DAY_STATUSES).openapi({
      description: "complete: everything eaten is logged; partial: some is missing; fasted: nothing was eaten",
    }),
  })
  .strict()
  .openapi("DeclareIntakeStatus");

export const IntakeDayStatusSchema = z
  .object({
    date: z.string(),
    status: z.enum([...INTAKE_DAY_STATUSES, "logged", "unlogged"]).openapi({
      description: "Declared (complete, partial, fasted) or derived: logged (has entries), unlogged (intake unknown)",
    }),
    declared: z.boolean().openapi({ description: "A declaration is in effect" }),
    entries: z.number().int().openapi({ description: "Number of entries logged on the day" }),
    intake_kcal: z.number().nullable().openapi({ description: "Null when unlogged: unknown, never 0" }),
    possibly_partial: z.boolean().openapi({
      description: "Declared partial, or logged below max(800, 0.5 × median of the last 14 logged days)",
    }),
  })
  .openapi("IntakeDayStatus");
