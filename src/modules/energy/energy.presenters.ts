import { type DayFlag, isDayFlag } from "../../domain/days/day-plausibility.js";
import { type BurnCalibration, deficitRange, type KcalRange, narrowedRange, type RangeSource } from "../../domain/energy/energy-ranges.js";
import { roundByFieldUnits, roundUnit } from "../../lib/precision.js";
import type { DaySummaryRow } from "./energy.repo.js";
import type { DayBreakdown } from "./energy.schemas.js";

const kcal = (v: number | null) => roundUnit(v, "kcal");
const roundRange = (r: KcalRange | null) => (r === null ? null : ([roundUnit(r[0], "kcal"), roundUnit(r[1], "kcal")] as [number, number]));

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
    basal_kcal: kcal(row.basalKcal),
    active_kcal: kcal(row.activeKcal),
    burned_kcal: kcal(row.burnedKcal),
    burned_kcal_range: roundRange(r.burned),
    intake_kcal: kcal(row.intakeKcal),
    deficit_kcal: kcal(row.deficitKcal),
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

/** A day's stored breakdown (written by src/domain/days/day-assembly.ts) rounded like the day's own numbers. */
export function presentBreakdown(breakdown: unknown): DayBreakdown {
  const rounded = roundByFieldUnits(breakdown as DayBreakdown);
  // A source's share is kcal under a field named `value`.
  const shares = (sources: DayBreakdown["basal"]["sources"]) => sources.map((s) => ({ ...s, value: roundUnit(s.value, "kcal") }));
  return {
    ...rounded,
    basal: { ...rounded.basal, sources: shares(rounded.basal.sources) },
    active: { ...rounded.active, sources: shares(rounded.active.sources) },
  };
}
