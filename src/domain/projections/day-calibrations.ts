import { addDays } from "../../lib/calendar.js";
import type { BurnCalibration } from "../energy/energy-ranges.js";
import { CALIBRATION_WINDOW_DAYS } from "./week-facts.js";

// Which calibration narrows a day's burn range (docs/science.md §4.3): the one whose 28-day window holds the day,
// else the latest one that ended within the 28 days before it.

export interface DatedCalibration {
  windowFrom: string;
  windowTo: string;
  /** The adaptive TDEE the calibration measured: the person's maintenance, kcal/day. */
  adaptiveTdeeKcal: number;
  calibration: BurnCalibration;
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
