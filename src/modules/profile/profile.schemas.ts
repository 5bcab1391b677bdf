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

export const EraseAccountSchema = z
  .object({ confirm: z.string().max(254).openapi({ description: "This account's email address", example: "ana@example.com" }) })
  .strict()
  .openapi("EraseAccount");

export const ErasureSchema = z
  .object({
    rows: z.record(z.string(), z.number().int()).openapi({
      description: "Rows deleted per table",
      example: { samples: 120_000, workouts: 310, intake_entries: 2_400, users: 1 },
    }),
    files: z.number().int().openapi({ description: "Stored uploads deleted" }),
    queued_jobs: z.number().int().openapi({ description: "Jobs not yet started that were removed" }),
    schedules: z.number().int().openapi({ description: "Per-user schedules removed" }),
  })
  .openapi("Erasure");
