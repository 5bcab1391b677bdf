import { KG_PER_LB } from "../../domain/projections/rule3500.js";
import type { WeeklyProjectionRecord } from "./projections.repo.js";

export function presentWeekProjection(row: WeeklyProjectionRecord) {
  return {
    week_start: row.weekStart,
    model: row.model,
    status: row.status,
    logged_days: row.loggedDays,
    mean_deficit_kcal: row.meanDeficitKcal,
    projected_change_kg: row.projectedChangeKg,
    projected_change_kg_range:
      row.projectedChangeLowKg === null || row.projectedChangeHighKg === null
        ? null
        : ([row.projectedChangeLowKg, row.projectedChangeHighKg] as [number, number]),
    projected_change_lb: row.projectedChangeKg === null ? null : row.projectedChangeKg / KG_PER_LB,
    trajectory: row.trajectory,
    observed_change_kg: row.observedChangeKg,
    calibration_factor: row.calibrationFactor,
    flags: row.flags,
    inputs: row.inputs as Record<string, unknown>,
    model_version: row.modelVersion,
    computed_at: row.computedAt.toISOString(),
  };
}
