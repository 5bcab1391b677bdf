import { addDays } from "../../lib/calendar.js";
import type { DeclaredIntakeStatus } from "../../lib/vocabulary.js";
import { deriveIntakeDay, type IntakeDayVerdict, needsPlausibilityCheck } from "./intake-day.js";
import { PARTIAL_INTAKE_MEDIAN_DAYS, PLAUSIBILITY_LOOKBACK_DAYS } from "./intake-plausibility.js";

// Every date's intake verdict of a range from the range's entries and declarations (and its 90-day lookback): the
// same facts and the same deriveIntakeDay as the one-day read, so a day's verdict cannot differ between the two.

export interface RangeIntakeDay extends IntakeDayVerdict {
  entryCount: number;
}

export type IntakeOfDay = (localDate: string) => RangeIntakeDay;

/** Entries (in eating order) and declarations covering the range and its lookback. */
export function intakeOfDayFrom(
  entries: readonly { localDate: string; energyKcal: number }[],
  declared: ReadonlyMap<string, DeclaredIntakeStatus>,
): IntakeOfDay {
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
