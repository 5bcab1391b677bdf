import type { DbOrTx } from "../../db/client.js";
import type { BurnCalibration } from "../../domain/energy/energy-ranges.js";
import { calibrationForDate, type DatedCalibration } from "../../domain/projections/day-calibrations.js";
import { CALIBRATION_WINDOW_DAYS } from "../../domain/projections/week-facts.js";
import { addDays, weekStartOf } from "../../lib/calendar.js";
import { dynamicInputsBetween } from "./projections.repo.js";
import { calibrationFromInputs } from "./stored-calibration.js";

/** The weeks whose stored projections can calibrate a date of [from, to] (week starts, inclusive). */
function calibrationWeeks(from: string, to: string): { fromWeek: string; toWeek: string } {
  return { fromWeek: weekStartOf(addDays(from, -CALIBRATION_WINDOW_DAYS)), toWeek: weekStartOf(addDays(to, CALIBRATION_WINDOW_DAYS)) };
}

/** The calibration narrowing each date of [from, to], from the weekly rows that can cover it. */
export async function calibrationsForDays(db: DbOrTx, userId: string, from: string, to: string): Promise<(date: string) => BurnCalibration | null> {
  const { fromWeek, toWeek } = calibrationWeeks(from, to);
  const inputs = await dynamicInputsBetween(db, userId, fromWeek, toWeek);
  const calibrations = inputs.map(calibrationFromInputs).filter((c): c is DatedCalibration => c !== null);
  return (date) => calibrationForDate(calibrations, date);
}
