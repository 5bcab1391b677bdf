import { lbFromKg, roundKg } from "../../domain/body/weight-units.js";
import type { UnitSystem } from "../../lib/vocabulary.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { MeasurementWithSource } from "./body.repo.js";
import type { BodyMeasurementsReport } from "./body.service.js";

const kg = (value: number | null) => (value === null ? null : roundKg(value));
const lb = (value: number | null) => (value === null ? null : lbFromKg(value));

export function presentBodyMeasurement({ measurement: m, source }: MeasurementWithSource, units: UnitSystem) {
  return {
    id: m.id,
    measured_at: isoWithOffset(m.measuredAt.getTime(), m.utcOffsetMin),
    utc_offset_min: m.utcOffsetMin,
    local_date: m.localDate,
    weight_kg: kg(m.weightKg),
    ...(units === "imperial" ? { weight_lb: lb(m.weightKg) } : {}),
    body_fat_pct: m.bodyFatPct,
    outlier: m.outlier,
    outlier_source: m.outlierOverride === null ? ("rule" as const) : ("you" as const),
    source: source ? { name: source.name, device_type: source.deviceType, device: source.device || null } : null,
    import_id: m.importId,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

export function presentBodyReport(report: BodyMeasurementsReport, units: UnitSystem) {
  return {
    measurements: report.measurements.map((m) => presentBodyMeasurement(m, units)),
    next_cursor: report.nextCursor,
    trend: report.trend.map((d) => ({
      date: d.date,
      trend_weight_kg: roundKg(d.trendWeightKg),
      measured_weight_kg: kg(d.measuredWeightKg),
      ...(units === "imperial" ? { trend_weight_lb: lbFromKg(d.trendWeightKg), measured_weight_lb: lb(d.measuredWeightKg) } : {}),
    })),
    trend_seeded_from: report.trendSeededFrom,
  };
}
