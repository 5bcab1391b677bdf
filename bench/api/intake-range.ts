import type { Sql } from "../../src/db/client.js";
import { PARTIAL_INTAKE_MEDIAN_DAYS } from "../../src/modules/energy/science/intake-plausibility.js";
import type { DayIntake } from "../../src/modules/energy/day-assembly.js";
import { PLAUSIBILITY_LOOKBACK_DAYS } from "../../src/modules/intake/day-status.service.js";
import { type DeclaredIntakeStatus, deriveIntakeDay, needsPlausibilityCheck } from "../../src/modules/intake/intake-day.js";
import { addDays } from "../../src/modules/intake/intake-time.js";

// The range version of intakeForDay (day-status.service.ts): two queries for the range plus its 90-day lookback
// instead of two or three per day; the verdict comes from the same pure deriveIntakeDay.

export interface IntakeRange {
  /** The DayIntake recomputeDay would build for a date of the range. */
  forDay(localDate: string): DayIntake;
}

export async function readIntakeRange(sql: Sql, userId: string, from: string, to: string): Promise<IntakeRange> {
  const since = addDays(from, -PLAUSIBILITY_LOOKBACK_DAYS);
  const [entries, statuses] = await Promise.all([
    sql<{ localDate: string; kcal: number }[]>`
      select local_date::text as "localDate", energy_kcal as kcal from intake_entries
      where user_id = ${userId} and local_date between ${since} and ${to} order by consumed_at, id`,
    sql<{ localDate: string; status: DeclaredIntakeStatus }[]>`
      select local_date::text as "localDate", status from intake_day_statuses
      where user_id = ${userId} and local_date between ${since} and ${to}`,
  ]);
  const declared = new Map(statuses.map((s) => [s.localDate, s.status]));
  const energies = new Map<string, number[]>();
  for (const e of entries) {
    const list = energies.get(e.localDate);
    if (list) list.push(e.kcal);
    else energies.set(e.localDate, [e.kcal]);
  }
  // recentLoggedIntakesKcal: totals of days with entries whose declaration is absent or "complete", by date.
  const logged = [...energies]
    .filter(([date]) => {
      const status = declared.get(date);
      return status === undefined || status === "complete";
    })
    .map(([date, kcals]) => ({ date, kcal: kcals.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const recentBefore = (localDate: string): number[] => {
    const sinceDate = addDays(localDate, -PLAUSIBILITY_LOOKBACK_DAYS);
    const found: number[] = [];
    for (let i = logged.length - 1; i >= 0 && found.length < PARTIAL_INTAKE_MEDIAN_DAYS; i--) {
      const day = logged[i];
      if (!day || day.date >= localDate) continue;
      if (day.date < sinceDate) break;
      found.push(day.kcal);
    }
    return found.reverse();
  };
  return {
    forDay(localDate) {
      const entryEnergiesKcal = energies.get(localDate) ?? [];
      const facts = { entryEnergiesKcal, declared: declared.get(localDate) ?? null };
      const recentLoggedIntakesKcal = needsPlausibilityCheck(facts) ? recentBefore(localDate) : [];
      const verdict = deriveIntakeDay({ ...facts, recentLoggedIntakesKcal });
      return {
        totalKcal: verdict.intakeKcal,
        entryCount: entryEnergiesKcal.length,
        status: verdict.status,
        fasted: verdict.fasted,
        possiblyPartial: verdict.possiblyPartial,
      };
    },
  };
}
