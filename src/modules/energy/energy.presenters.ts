import type { DaySummaryRow } from "./energy.repo.js";

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function presentDay(row: DaySummaryRow) {
  return {
    date: row.localDate,
    basal_kcal: round1(row.basalKcal),
    active_kcal: round1(row.activeKcal),
    burned_kcal: round1(row.burnedKcal),
    intake_kcal: round1(row.intakeKcal),
    deficit_kcal: round1(row.deficitKcal),
    steps: row.steps,
    status: row.status,
    coverage_hours: row.coverageHours,
    intake_status: row.intakeStatus,
    sources: { basal: row.basalMethod, active: row.activeMethod },
    hiit_sessions: row.hiitSessions,
    computed_at: row.computedAt.toISOString(),
  };
}

/** A date nothing was ever computed for: no data, intake unknown. */
export function presentEmptyDay(date: string) {
  return {
    date,
    basal_kcal: null,
    active_kcal: null,
    burned_kcal: null,
    intake_kcal: null,
    deficit_kcal: null,
    steps: null,
    status: "no_data" as const,
    coverage_hours: 0,
    intake_status: "unlogged",
    sources: { basal: "none", active: "none" },
    hiit_sessions: 0,
    computed_at: null,
  };
}
