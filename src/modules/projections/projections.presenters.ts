import { KG_PER_LB } from "../../domain/projections/rule3500.js";
import { roundByFieldUnits, roundUnit } from "../../lib/precision.js";
import type { WeeklyProjectionRecord } from "./projections.repo.js";
import type { WeekProjectionInputs } from "./projections.schemas.js";

export function presentWeekProjection(row: WeeklyProjectionRecord) {
  return {
    week_start: row.weekStart,
    model: row.model,
    status: row.status,
    logged_days: row.loggedDays,
    mean_deficit_kcal: roundUnit(row.meanDeficitKcal, "kcal"),
    projected_change_kg: roundUnit(row.projectedChangeKg, "kg"),
    projected_change_kg_range:
      row.projectedChangeLowKg === null || row.projectedChangeHighKg === null
        ? null
        : ([roundUnit(row.projectedChangeLowKg, "kg"), roundUnit(row.projectedChangeHighKg, "kg")] as [number, number]),
    projected_change_lb: row.projectedChangeKg === null ? null : roundUnit(row.projectedChangeKg / KG_PER_LB, "lb"),
    trajectory: roundByFieldUnits(row.trajectory),
    observed_change_kg: roundUnit(row.observedChangeKg, "kg"),
    calibration_factor: row.calibrationFactor,
    flags: row.flags,
    inputs: roundByFieldUnits(row.inputs as WeekProjectionInputs),
    model_version: row.modelVersion,
    computed_at: row.computedAt.toISOString(),
  };
}
