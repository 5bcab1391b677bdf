import { z } from "@hono/zod-openapi";
import { oneWeightUnit, profileFields } from "../accounts/index.js";

/** Only the fields sent change; null clears an optional field (the zone cannot be cleared). */
export const ProfilePatchSchema = z
  .object({
    sex: profileFields.sex.nullable(),
    birth_date: profileFields.birth_date.nullable(),
    height_cm: profileFields.height_cm.nullable(),
    weight_kg: profileFields.weight_kg.nullable(),
    weight_lb: profileFields.weight_lb.nullable(),
    unit_system: profileFields.unit_system,
    time_zone: profileFields.time_zone,
    hr_max_bpm: profileFields.hr_max_bpm.nullable(),
    hr_rest_bpm: profileFields.hr_rest_bpm.nullable(),
    activity_level: profileFields.activity_level.nullable(),
  })
  .partial()
  .strict()
  .superRefine(oneWeightUnit)
  .openapi("ProfilePatch");

export type ProfilePatch = z.infer<typeof ProfilePatchSchema>;
