// Health Auto Export (iOS app) JSON, as posted by its REST automation or saved as a file.
// The envelope is validated strictly; metrics, points and workouts one by one, so one bad row
// is a rejection instead of a failed import.
import { z } from "zod";

export const haePayloadSchema = z.object({
  data: z.object({
    metrics: z.array(z.unknown()).optional(),
    workouts: z.array(z.unknown()).optional(),
  }),
  // One real payload carries a stray top-level "workouts" next to "data".
  workouts: z.array(z.unknown()).optional(),
});

export const haeMetricSchema = z.object({
  name: z.string().min(1),
  units: z.string(),
  data: z.array(z.unknown()),
});

const finite = z.number().finite();

export const haeQuantityPointSchema = z.object({
  date: z.string(),
  qty: finite,
  source: z.string().optional(),
});

/** heart_rate points carry Min/Avg/Max instead of qty. */
export const haeHeartRatePointSchema = z
  .object({
    date: z.string(),
    Avg: finite.optional(),
    Min: finite.optional(),
    Max: finite.optional(),
    qty: finite.optional(),
    source: z.string().optional(),
  })
  .refine((point) => point.Avg !== undefined || point.qty !== undefined, { message: "has neither Avg nor qty" });

const quantitySchema = z.object({ qty: finite, units: z.string() });

export const haeWorkoutHeartRateSchema = z.union([
  z.object({ date: z.string(), qty: finite, units: z.string().optional() }),
  z.object({ date: z.string(), Avg: finite, units: z.string().optional() }),
]);

/**
 * Both workout shapes: v1 (`activeEnergy`, HR {qty}) and v2 (`id`, `duration`, `activeEnergyBurned`, HR {Min,Avg,Max}).
 * The workout's heart-rate summary appears as `avgHeartRate`/`maxHeartRate` or `heartRate: {avg, max}` in newer
 * app versions (reported by third-party consumers, not seen in a collected file); unknown shapes are ignored.
 */
export const haeWorkoutSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  start: z.string(),
  end: z.string(),
  duration: finite.nonnegative().optional(),
  activeEnergy: quantitySchema.optional(),
  activeEnergyBurned: quantitySchema.optional(),
  distance: quantitySchema.optional(),
  heartRateData: z.array(z.unknown()).optional(),
  avgHeartRate: quantitySchema.optional().catch(undefined),
  maxHeartRate: quantitySchema.optional().catch(undefined),
  heartRate: z.object({ avg: quantitySchema.optional(), max: quantitySchema.optional() }).optional().catch(undefined),
  /** Strength sets in wearsync's pushed-set shape (src/formats/common/strength-sets.ts); checked one by one. */
  sets: z.array(z.unknown()).max(1000).optional(),
});

export type HaeWorkout = z.infer<typeof haeWorkoutSchema>;
export type HaeQuantity = z.infer<typeof quantitySchema>;

/** First zod issue as "<path>: <message>", for rejection reasons. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid value";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
