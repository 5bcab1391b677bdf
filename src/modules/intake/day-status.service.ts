import type { DbOrTx } from "../../db/client.js";
import type { IntakeEntryRow } from "../../db/schema/index.js";
import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { deriveIntakeDay, type IntakeDayVerdict, needsPlausibilityCheck } from "../../domain/intake/intake-day.js";
import { PARTIAL_INTAKE_MEDIAN_DAYS, PLAUSIBILITY_LOOKBACK_DAYS } from "../../domain/intake/intake-plausibility.js";
import { latestAcceptableLocalDate } from "../../domain/intake/intake-time.js";
import { recomputeDaysBestEffort } from "../../jobs/recompute.js";
import { addDays } from "../../lib/calendar.js";
import { ConflictError, ValidationError } from "../../lib/errors.js";
import type { DeclaredIntakeStatus } from "../../lib/vocabulary.js";
import { dayEntryCounts, deleteDeclaredStatus, findDeclaredStatus, recentLoggedIntakesKcal, upsertDeclaredStatus } from "./day-status.repo.js";
import { entriesOnDate, lockUserIntake } from "./intake.repo.js";

export interface IntakeDay extends IntakeDayVerdict {
  localDate: string;
  /** The day's entries in the order eaten. */
  entries: IntakeEntryRow[];
}

/**
 * A day's intake as the deficit should use it: kcal (null when unknown), the status in effect and whether it
 * is possibly partial (docs/science.md §2.3). Pass a transaction to read it consistently with other work.
 */
export async function intakeForDay(db: DbOrTx, userId: string, localDate: string): Promise<IntakeDay> {
  const entries = await entriesOnDate(db, userId, localDate);
  const declared = (await findDeclaredStatus(db, userId, localDate)) ?? null;
  const entryEnergiesKcal = entries.map((e) => e.energyKcal);
  const recentLoggedIntakes = needsPlausibilityCheck({ entryEnergiesKcal, declared })
    ? await recentLoggedIntakesKcal(db, userId, {
        sinceDate: addDays(localDate, -PLAUSIBILITY_LOOKBACK_DAYS),
        beforeDate: localDate,
        days: PARTIAL_INTAKE_MEDIAN_DAYS,
      })
    : [];
  const verdict = deriveIntakeDay({ entryEnergiesKcal, declared, recentLoggedIntakesKcal: recentLoggedIntakes });
  return { localDate, entries, ...verdict };
}

export async function getIntakeDayStatus(deps: Deps, userId: string, localDate: string): Promise<IntakeDay> {
  return intakeForDay(deps.db, userId, localDate);
}

/**
 * Declares how complete a day's log is. Fasted with food logged, or complete/partial with nothing logged,
 * contradicts the entries: 409, since the request is fine and the day's current state is what blocks it.
 */
export async function declareIntakeDayStatus(deps: Deps, userId: string, localDate: string, status: DeclaredIntakeStatus): Promise<IntakeDay> {
  const now = deps.clock.now();
  assertDayNotInFuture(localDate, now);
  const day = await withTransaction(deps.db, async (tx) => {
    await lockUserIntake(tx, userId);
    const counts = await dayEntryCounts(tx, userId, localDate);
    if (status === "fasted" && counts.withEnergy > 0) {
      throw new ConflictError(
        `${localDate} has ${counts.withEnergy} logged entries with energy; a fasted day has none. Delete them first.`,
        "DAY_HAS_INTAKE",
      );
    }
    if (status !== "fasted" && counts.entries === 0) {
      throw new ConflictError(
        `${localDate} has no logged entries to call ${status}; log them first, or declare the day fasted.`,
        "DAY_HAS_NO_ENTRIES",
      );
    }
    await upsertDeclaredStatus(tx, { userId, localDate, status, updatedAt: now });
    return intakeForDay(tx, userId, localDate);
  });
  await recomputeDaysBestEffort(deps, userId, [localDate]);
  return day;
}

/** Back to derived (logged / unlogged). Clearing a day that has no declaration is a no-op. */
export async function clearIntakeDayStatus(deps: Deps, userId: string, localDate: string): Promise<void> {
  const removed = await withTransaction(deps.db, async (tx) => {
    await lockUserIntake(tx, userId);
    return deleteDeclaredStatus(tx, userId, localDate);
  });
  if (removed) await recomputeDaysBestEffort(deps, userId, [localDate]);
}

function assertDayNotInFuture(localDate: string, now: Date): void {
  if (localDate > latestAcceptableLocalDate(now)) {
    throw new ValidationError([{ path: "date", message: "must not be more than one day in the future" }]);
  }
}
