import type { DaysAnswer } from "./api-client.js";

export interface DaysSummary {
  statuses: Record<string, number>;
  meanSteps: number;
  meanBurnedKcal: number;
  meanIntakeKcal: number;
  meanDeficitKcal: number;
  hiitSessions: number;
}

const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

/** What the seeded year looks like through GET /v1/days: a check that the data is realistic. */
export function summarizeDays(answer: DaysAnswer): DaysSummary {
  const statuses: Record<string, number> = {};
  for (const d of answer.days) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  return {
    statuses,
    meanSteps: mean(present(answer.days.map((d) => d.steps))),
    meanBurnedKcal: mean(present(answer.days.map((d) => d.burned_kcal))),
    meanIntakeKcal: mean(present(answer.days.map((d) => d.intake_kcal))),
    meanDeficitKcal: mean(present(answer.days.map((d) => d.deficit_kcal))),
    hiitSessions: answer.days.reduce((a, d) => a + d.hiit_sessions, 0),
  };
}
