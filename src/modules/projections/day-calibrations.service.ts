import type { DbOrTx } from "../../db/client.js";
import type { BurnCalibration } from "../../domain/energy/energy-ranges.js";
import { calibrationForDate, type DatedCalibration } from "../../domain/projections/day-calibrations.js";
import { CALIBRATION_WINDOW_DAYS } from "../../domain/projections/week-facts.js";
import { addDays, weekStartOf } from "../../lib/calendar.js";
import { dynamicInputsBetween } from "./projections.repo.js";
import { calibrationFromInputs } from "./stored-calibration.js";

/** The calibration narrowing each date of [from, to], from the weekly rows that can cover it. */
export async function calibrationsForDays(db: DbOrTx, userId: string, from: string, to: string): Promise<(date: string) => BurnCalibration | null> {
  const inputs = await dynamicInputsBetween(
    db,
    userId,
    weekStartOf(addDays(from, -CALIBRATION_WINDOW_DAYS)),
    weekStartOf(addDays(to, CALIBRATION_WINDOW_DAYS)),
  );
  const calibrations = inputs.map(calibrationFromInputs).filter((c): c is DatedCalibration => c !== null);
  return (date) => calibrationForDate(calibrations, date);
}
