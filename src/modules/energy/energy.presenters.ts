import { type DayFlag, isDayFlag } from "../../domain/days/day-plausibility.js";
import { type BurnCalibration, deficitRange, type KcalRange, narrowedRange, type RangeSource } from "../../domain/energy/energy-ranges.js";
import type { DaySummaryRow } from "./energy.repo.js";

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const roundRange = (r: KcalRange | null) => (r === null ? null : ([Math.round(r[0] * 10) / 10, Math.round(r[1] * 10) / 10] as [number, number]));

/** The day's burn and deficit ranges, narrowed by the calibration that covers it when there is one. */
function ranges(row: DaySummaryRow, calibration: BurnCalibration | null) {
  if (row.burnedKcal === null || row.burnedLowKcal === null || row.burnedHighKcal === null) {
    return { burned: null, deficit: null, source: null as RangeSource | null };
  }
  const { range, source } = narrowedRange(row.burnedKcal, [row.burnedLowKcal, row.burnedHighKcal], calibration);
  return { burned: range, deficit: row.intakeKcal === null ? null : deficitRange(range, row.intakeKcal), source };
}

export function presentDay(row: DaySummaryRow, calibration: BurnCalibration | null = null) {
  const r = ranges(row, calibration);
  return {
    date: row.localDate,
    basal_kcal: round1(row.basalKcal),
    active_kcal: round1(row.activeKcal),
    burned_kcal: round1(row.burnedKcal),
    burned_kcal_range: roundRange(r.burned),
    intake_kcal: round1(row.intakeKcal),
    deficit_kcal: round1(row.deficitKcal),
    deficit_kcal_range: roundRange(r.deficit),
    range_source: r.source,
    steps: row.steps,
    status: row.status,
    flags: row.flags.filter(isDayFlag),
    confirmed: row.flagsConfirmed,
    coverage_hours: row.coverageHours,
    intake_status: row.intakeStatus,
    sources: { basal: row.basalMethod, active: row.activeMethod },
    hiit_sessions: row.hiitSessions,
    computed_at: row.computedAt.toISOString(),
  };
}

/** A date nothing was ever computed for: no data (or still running), intake unknown. */
export function presentEmptyDay(date: string, status: "no_data" | "in_progress" = "no_data") {
  return {
    date,
    basal_kcal: null,
    active_kcal: null,
    burned_kcal: null,
    burned_kcal_range: null,
    intake_kcal: null,
    deficit_kcal: null,
    deficit_kcal_range: null,
    range_source: null,
    steps: null,
    status,
    flags: [] as DayFlag[],
    confirmed: false,
    coverage_hours: 0,
    intake_status: "unlogged",
    sources: { basal: "none", active: "none" },
    hiit_sessions: 0,
    computed_at: null,
  };
}
