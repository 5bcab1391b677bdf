import { isoWithOffset } from "../../lib/zone.js";
import type { MeasurementWithSource } from "./body.repo.js";
import type { BodyMeasurementsReport } from "./body.service.js";

export function presentBodyMeasurement({ measurement: m, source }: MeasurementWithSource) {
  return {
    id: m.id,
    measured_at: isoWithOffset(m.measuredAt.getTime(), m.utcOffsetMin),
    utc_offset_min: m.utcOffsetMin,
    local_date: m.localDate,
    weight_kg: m.weightKg,
    body_fat_pct: m.bodyFatPct,
    outlier: m.outlier,
    outlier_source: m.outlierOverride === null ? ("rule" as const) : ("you" as const),
    source: source ? { name: source.name, device_type: source.deviceType, device: source.device || null } : null,
    import_id: m.importId,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

export function presentBodyReport(report: BodyMeasurementsReport) {
  return {
    measurements: report.measurements.map(presentBodyMeasurement),
    trend: report.trend.map((d) => ({
      date: d.date,
      trend_weight_kg: d.trendWeightKg,
      measured_weight_kg: d.measuredWeightKg,
    })),
    trend_seeded_from: report.trendSeededFrom,
  };
}
