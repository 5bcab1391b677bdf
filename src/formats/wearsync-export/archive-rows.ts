import { z } from "zod";
import { MET_CLASS_NAMES } from "../../domain/training/exercise-catalogue.js";
import { ENERGY_BASES, SAMPLE_TYPES } from "../../lib/vocabulary.js";

// The rows of an export's NDJSON files as GET /v1/export writes them (columns as stored, snake_case, ISO 8601 times
// with offset). Only the columns the import restores are read; the rest (ids of derived rows, timestamps of the
// exporter's bookkeeping) are ignored, so an export that gains a column still reads.

const instant = z
  .string()
  .transform((s) => Date.parse(s))
  .refine(Number.isFinite, { message: "is not an ISO 8601 time" });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const num = z.number().finite();
const offsetMin = z
  .number()
  .int()
  .min(-16 * 60)
  .max(16 * 60);
const valueSource = z.enum(["device", "samples"]).nullable();

export const sourceRow = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  device_type: z.enum(["watch", "ring", "band", "phone", "scale", "app", "manual"]),
  device: z.string(),
  priority: z.number().int().nullable(),
});

export const userRow = z.object({
  id: z.string(),
  sex: z.enum(["female", "male"]).nullable(),
  birth_date: localDate.nullable(),
  height_cm: num.nullable(),
  weight_kg: num.nullable(),
  time_zone: z.string().min(1),
  hr_max_bpm: z.number().int().nullable(),
  hr_rest_bpm: z.number().int().nullable(),
  activity_level: z.enum(["sedentary", "light", "moderate", "active", "very_active"]).nullable(),
});

export const sampleRow = z.object({
  type: z.enum(SAMPLE_TYPES),
  source_id: z.number().int(),
  start_at: instant,
  end_at: instant,
  utc_offset_min: offsetMin,
  value: num,
});

export const intakeRow = z.object({
  id: z.string().min(1),
  consumed_at: instant,
  utc_offset_min: offsetMin,
  local_date: localDate,
  energy_kcal: num,
  name: z.string().nullable(),
  meal: z.enum(["breakfast", "lunch", "dinner", "snack"]).nullable(),
  protein_g: num.nullable(),
  carbs_g: num.nullable(),
  fat_g: num.nullable(),
  external_id: z.string().nullable(),
  origin: z.enum(["api", "import", "sync"]),
  source_id: z.number().int().nullable(),
});

export const dayStatusRow = z.object({ local_date: localDate, status: z.enum(["complete", "partial", "fasted"]) });

export const dayConfirmationRow = z.object({ local_date: localDate, flags: z.array(z.string()), confirmed_at: instant });

export const weighInRow = z.object({
  id: z.string().min(1),
  measured_at: instant,
  utc_offset_min: offsetMin,
  local_date: localDate,
  weight_kg: num.nullable(),
  body_fat_pct: num.nullable(),
  outlier_override: z.boolean().nullable(),
  source_id: z.number().int().nullable(),
});

export const workoutRow = z.object({
  id: z.string().min(1),
  source_id: z.number().int(),
  external_id: z.string().nullable(),
  activity_type: z.string().min(1),
  start_at: instant,
  end_at: instant,
  utc_offset_min: offsetMin,
  duration_s: num,
  active_energy_kcal: num.nullable(),
  /** Absent from exports written before workouts kept it: their energy reads as net. */
  energy_basis: z.enum(ENERGY_BASES).default("net"),
  distance_m: num.nullable(),
  avg_hr_bpm: num.nullable(),
  max_hr_bpm: num.nullable(),
  duration_source: valueSource,
  energy_source: valueSource,
  distance_source: valueSource,
  avg_hr_source: valueSource,
  max_hr_source: valueSource,
  hr_points_dropped: z.number().int().min(0),
  speed_points_dropped: z.number().int().min(0),
  power_points_dropped: z.number().int().min(0),
  record_format: z.string().nullable().optional(),
  import_format: z.string().nullable().optional(),
});

export const workoutSetRow = z.object({
  workout_id: z.string(),
  set_index: z.number().int().min(0),
  exercise: z.string().min(1),
  met_class: z.enum(MET_CLASS_NAMES),
  reps: z.number().int().nullable(),
  weight_kg: num.nullable(),
  duration_s: num.nullable(),
  rpe: num.nullable(),
  start_offset_s: num.nullable(),
});

export const workoutStreamRow = z
  .object({
    workout_id: z.string(),
    kind: z.enum(["heart_rate", "speed", "power"]),
    offsets_ms: z.array(z.number().int()),
    values: z.array(num),
  })
  .refine((s) => s.offsets_ms.length === s.values.length, { message: "offsets_ms and values differ in length" });

/** First zod issue as "<path>: <message>", for rejection reasons. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid value";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
