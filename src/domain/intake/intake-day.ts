import type { DeclaredIntakeStatus } from "../../lib/vocabulary.js";
import { checkIntakePlausibility } from "./intake-plausibility.js";

export type IntakeDayStatus = DeclaredIntakeStatus | "logged" | "unlogged";

export interface IntakeDayFacts {
  /** Energy of each entry on the day, kcal. */
  entryEnergiesKcal: readonly number[];
  declared: DeclaredIntakeStatus | null;
  /** Earlier logged days' totals, oldest first (checkIntakePlausibility's input); only read for "logged" days. */
  recentLoggedIntakesKcal: readonly number[];
}

export interface IntakeDayVerdict {
  status: IntakeDayStatus;
  /** True when a declaration is in effect (a stored one can lie dormant, see deriveIntakeDay). */
  declared: boolean;
  fasted: boolean;
  /** Null when nothing is logged: intake unknown, never 0 (docs/science.md §2.3). */
  intakeKcal: number | null;
  /** Keep out of adaptive TDEE: declared partial, or a logged day below the docs/science.md §2.3 threshold. */
  possiblyPartial: boolean;
}

/** True when the day needs the recent-days median to be judged (only undeclared logged days do). */
export function needsPlausibilityCheck(facts: Pick<IntakeDayFacts, "entryEnergiesKcal" | "declared">): boolean {
  return effectiveDeclaration(facts.entryEnergiesKcal, facts.declared) === null && facts.entryEnergiesKcal.length > 0;
}

/**
 * A declaration applies only while the entries agree with it: "fasted" while nothing with energy is logged,
 * "complete"/"partial" while at least one entry is. Otherwise (an import added food to a fasted day, the last
 * entry of a complete day was deleted) the day falls back to derived logged/unlogged until the data agree again.
 */
export function deriveIntakeDay(facts: IntakeDayFacts): IntakeDayVerdict {
  const energies = facts.entryEnergiesKcal;
  const declaration = effectiveDeclaration(energies, facts.declared);
  const totalKcal = energies.reduce((sum, kcal) => sum + kcal, 0);
  if (declaration === "fasted") {
    return { status: "fasted", declared: true, fasted: true, intakeKcal: 0, possiblyPartial: false };
  }
  if (declaration !== null) {
    return { status: declaration, declared: true, fasted: false, intakeKcal: totalKcal, possiblyPartial: declaration === "partial" };
  }
  if (energies.length === 0) {
    return { status: "unlogged", declared: false, fasted: false, intakeKcal: null, possiblyPartial: false };
  }
  const { possiblyPartial } = checkIntakePlausibility(totalKcal, facts.recentLoggedIntakesKcal);
  return { status: "logged", declared: false, fasted: false, intakeKcal: totalKcal, possiblyPartial };
}

function effectiveDeclaration(energies: readonly number[], declared: DeclaredIntakeStatus | null): DeclaredIntakeStatus | null {
  if (declared === "fasted") return energies.some((kcal) => kcal > 0) ? null : "fasted";
  if (declared !== null) return energies.length > 0 ? declared : null;
  return null;
}
