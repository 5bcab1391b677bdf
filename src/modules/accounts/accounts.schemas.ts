import { z } from "@hono/zod-openapi";
import { ACTIVITY_LEVELS, SEXES } from "../../db/schema/users.js";
import { MAX_HEIGHT_CM, MIN_ADULT_HEIGHT_CM } from "../../domain/body/profile-bounds.js";
import { KG_PER_LB } from "../../domain/projections/rule3500.js";
import { localDateSchema } from "../../http/schemas.js";
import { UNIT_SYSTEMS } from "../../lib/vocabulary.js";
import { isValidTimeZone } from "../../lib/zone.js";

const isoDate = localDateSchema.openapi({ example: "1990-04-17" });

/**
 * The profile fields the science needs, each with a physiologically plausible range (docs/science.md §2.4); the
 * bounds that join fields (age, BMI, resting below maximal heart rate) are checked on the merged profile.
 */
export const profileFields = {
  sex: z.enum(SEXES),
  birth_date: isoDate,
  height_cm: z.number().min(MIN_ADULT_HEIGHT_CM).max(MAX_HEIGHT_CM).openapi({ description: "Adult stature, 100–272 cm" }),
  weight_kg: z.number().min(20).max(400),
  weight_lb: z
    .number()
    .min(20 / KG_PER_LB, "must be at least 44.1 lb (20 kg)")
    .max(400 / KG_PER_LB, "must be at most 881.8 lb (400 kg)")
    .openapi({ description: "Instead of weight_kg; stored as kg (× 0.45359237)" }),
  unit_system: z.enum(UNIT_SYSTEMS).openapi({ description: "metric: weights in kg only; imperial: answers add weight_lb beside weight_kg (0.1 lb)" }),
  time_zone: z.string().max(64).refine(isValidTimeZone, "must be an IANA time zone name such as Europe/Berlin").openapi({ example: "Europe/Berlin" }),
  hr_max_bpm: z.number().int().min(100).max(230),
  hr_rest_bpm: z.number().int().min(25).max(120),
  activity_level: z.enum(ACTIVITY_LEVELS),
};

/** weight_kg or weight_lb, not both (a profile create or patch). */
export function oneWeightUnit(value: { weight_kg?: number | null | undefined; weight_lb?: number | null | undefined }, ctx: z.RefinementCtx): void {
  if (value.weight_kg !== undefined && value.weight_lb !== undefined) {
    ctx.addIssue({ code: "custom", path: ["weight_lb"], message: "send weight_kg or weight_lb, not both" });
  }
}

export const UserSchema = z
  .object({
    id: z.string().openapi({ example: "usr_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
    email: z.email(),
    sex: z.enum(SEXES).nullable(),
    birth_date: z.string().nullable(),
    height_cm: z.number().nullable(),
    weight_kg: z.number().nullable().openapi({ description: "Rounded to 0.01 kg" }),
    weight_lb: z.number().nullable().optional().openapi({ description: "Only when unit_system is imperial: weight_kg in lb, rounded to 0.1 lb" }),
    unit_system: z.enum(UNIT_SYSTEMS),
    time_zone: z.string(),
    hr_max_bpm: z.number().int().nullable(),
    hr_rest_bpm: z.number().int().nullable(),
    activity_level: z.enum(ACTIVITY_LEVELS).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("User");

export const CreateUserSchema = z
  .object({
    email: z.email().max(254),
    sex: profileFields.sex.optional(),
    birth_date: profileFields.birth_date.optional(),
    height_cm: profileFields.height_cm.optional(),
    weight_kg: profileFields.weight_kg.optional(),
    weight_lb: profileFields.weight_lb.optional(),
    unit_system: profileFields.unit_system.optional(),
    time_zone: profileFields.time_zone.optional(),
    hr_max_bpm: profileFields.hr_max_bpm.optional(),
    hr_rest_bpm: profileFields.hr_rest_bpm.optional(),
    activity_level: profileFields.activity_level.optional(),
  })
  .strict()
  .superRefine(oneWeightUnit)
  .openapi("CreateUser");

export const CreatedUserSchema = z
  .object({ user: UserSchema, api_key: z.string().openapi({ description: "Shown once; store it now." }) })
  .openapi("CreatedUser");

export const CreateApiKeySchema = z
  .object({ name: z.string().trim().min(1).max(100).optional() })
  .strict()
  .openapi("CreateApiKey");

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    prefix: z.string().openapi({ example: "wsk_3f9k2m8q1v0a7c4d" }),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  api_key: z.string().openapi({ description: "Shown once; store it now." }),
}).openapi("CreatedApiKey");

export const ApiKeyListSchema = z.object({ api_keys: z.array(ApiKeySchema), next_cursor: z.string().nullable() }).openapi("ApiKeyList");

export const ApiKeyIdParamsSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "key_01jd3k2m5n6p7q8r9s0t1v2w3x" }),
});

export type CreateUserInput = z.infer<typeof CreateUserSchema>;

/** The profile fields of a create or a patch (snake_case, as sent; null clears an optional field). */
export type ProfileInput = {
  [K in keyof typeof profileFields]?: z.infer<(typeof profileFields)[K]> | (K extends "time_zone" | "unit_system" ? never : null);
};
