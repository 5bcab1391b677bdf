import { z } from "zod";
import type { BurnCalibration } from "../energy/science/energy-ranges.js";
import { CALIBRATION_WINDOW_DAYS } from "./week-facts.js";
import { addDays } from "../../lib/calendar.js";

// Which calibration narrows a day's burn range (docs/science.md §4.3): the one whose 28-day window holds the day,
// else the latest one that ended within the 28 days before it.

const StoredCalibration = z.object({
  factor: z.number(),
  applied: z.boolean(),
  adaptive_tdee_kcal: z.number(),
  tdee_half_width_kcal: z.number().nullable().optional(),
  window_from: z.string(),
  window_to: z.string(),
});

export interface DatedCalibration {
  windowFrom: string;
  windowTo: string;
  /** The adaptive TDEE the calibration measured: the person's maintenance, kcal/day. */
  adaptiveTdeeKcal: number;
  calibration: BurnCalibration;
}

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

/** For each date: the covering calibration with the earliest window end, else the latest that ended ≤ 28 days before. */
export function calibrationForDate(calibrations: readonly DatedCalibration[], date: string): BurnCalibration | null {
  let covering: DatedCalibration | null = null;
  let before: DatedCalibration | null = null;
  for (const c of calibrations) {
    if (c.windowFrom <= date && date <= c.windowTo) {
      if (covering === null || c.windowTo < covering.windowTo) covering = c;
    } else if (c.windowTo < date && addDays(c.windowTo, CALIBRATION_WINDOW_DAYS) >= date) {
      if (before === null || c.windowTo > before.windowTo) before = c;
    }
  }
  return (covering ?? before)?.calibration ?? null;
}
