import { z } from "zod";
import type { DatedCalibration } from "../../domain/projections/day-calibrations.js";

// The calibration a weekly row stored in its `inputs` JSON (week-projection's calibration block), read back to
// narrow the burn ranges of the days it covers.

const StoredCalibration = z.object({
  factor: z.number(),
  applied: z.boolean(),
  adaptive_tdee_kcal: z.number(),
  tdee_half_width_kcal: z.number().nullable().optional(),
  window_from: z.string(),
  window_to: z.string(),
});

/** The applied calibration in a weekly row's inputs, with its relative half-width; null when absent or unknown. */
export function calibrationFromInputs(inputs: unknown): DatedCalibration | null {
  const parsed = StoredCalibration.safeParse((inputs as { calibration?: unknown } | null)?.calibration);
  if (!parsed.success) return null;
  const c = parsed.data;
  if (!c.applied || c.tdee_half_width_kcal == null || !(c.adaptive_tdee_kcal > 0)) return null;
  return {
    windowFrom: c.window_from,
    windowTo: c.window_to,
    adaptiveTdeeKcal: c.adaptive_tdee_kcal,
    calibration: { factor: c.factor, relativeHalfWidth: c.tdee_half_width_kcal / c.adaptive_tdee_kcal },
  };
}
