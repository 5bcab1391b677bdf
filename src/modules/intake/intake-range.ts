import type { DbOrTx } from "../../db/client.js";
import { PARTIAL_INTAKE_MEDIAN_DAYS } from "../energy/science/intake-plausibility.js";
import { PLAUSIBILITY_LOOKBACK_DAYS } from "./day-status.service.js";
import { type DeclaredIntakeStatus, deriveIntakeDay, type IntakeDayVerdict, needsPlausibilityCheck } from "./intake-day.js";
import { declaredStatusesBetween, entryEnergiesBetween } from "./intake-range.repo.js";
import { addDays } from "../../lib/calendar.js";

// intakeForDay for every date of a range from two queries (range plus its 90-day lookback): the same facts,
// the same pure deriveIntakeDay, so a day's verdict cannot differ from the one-day read.

export interface RangeIntakeDay extends IntakeDayVerdict {
  entryCount: number;
}

export type IntakeOfDay = (localDate: string) => RangeIntakeDay;

export async function intakeForRange(db: DbOrTx, userId: string, from: string, to: string): Promise<IntakeOfDay> {
  const since = addDays(from, -PLAUSIBILITY_LOOKBACK_DAYS);
  const [entries, declared] = await Promise.all([entryEnergiesBetween(db, userId, since, to), declaredStatusesBetween(db, userId, since, to)]);
  return intakeOfDayFrom(entries, declared);
}

/** Pure part of intakeForRange: entries (in eating order) and declarations covering the range and its lookback. */
export function intakeOfDayFrom(entries: readonly { localDate: string; energyKcal: number }[], declared: ReadonlyMap<string, DeclaredIntakeStatus>): IntakeOfDay {
  const energiesByDate = new Map<string, number[]>();
  for (const e of entries) {
    const list = energiesByDate.get(e.localDate);
    if (list) list.push(e.energyKcal);
    else energiesByDate.set(e.localDate, [e.energyKcal]);
  }
  // recentLoggedIntakesKcal's days: with entries, declaration absent or "complete"; oldest first.
  const logged = [...energiesByDate]
    .filter(([date]) => {
      const status = declared.get(date);
      return status === undefined || status === "complete";
    })
    .map(([date, kcals]) => ({ date, kcal: kcals.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
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
  return (localDate) => {
    const entryEnergiesKcal = energiesByDate.get(localDate) ?? [];
    const facts = { entryEnergiesKcal, declared: declared.get(localDate) ?? null };
    const recentLoggedIntakesKcal = needsPlausibilityCheck(facts) ? recentBefore(localDate) : [];
    return { ...deriveIntakeDay({ ...facts, recentLoggedIntakesKcal }), entryCount: entryEnergiesKcal.length };
  };
}
