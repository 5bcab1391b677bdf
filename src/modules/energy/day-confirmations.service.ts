import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { isDayFlag } from "../../domain/days/day-plausibility.js";
import { markDaysDirty } from "../../jobs/dirty-days.js";
import { recomputeDaysBestEffort } from "../../jobs/recompute.js";
import { ConflictError } from "../../lib/errors.js";
import { deleteConfirmation, upsertConfirmation } from "./day-confirmations.repo.js";
import { findDailyEnergy } from "./energy.repo.js";

/**
 * The person vouches for a flagged day's values (docs/science.md §2.2): the flags it carries now are confirmed and
 * the day counts again once recomputed. 409 when the day carries no flag: there is nothing to confirm.
 */
export async function confirmDay(deps: Deps, userId: string, localDate: string) {
  const day = await findDailyEnergy(deps.db, userId, localDate);
  const flags = (day?.flags ?? []).filter(isDayFlag);
  if (flags.length === 0) {
    throw new ConflictError(`${localDate} carries no plausibility flag; there is nothing to confirm.`, "DAY_NOT_FLAGGED");
  }
  const confirmedAt = deps.clock.now();
  // The outbox row commits with the confirmation, so the day's recompute cannot be lost after it.
  await withTransaction(deps.db, async (tx) => {
    await upsertConfirmation(tx, { userId, localDate, flags, confirmedAt });
    await markDaysDirty(tx, userId, [localDate]);
  });
  await recomputeDaysBestEffort(deps, userId, [localDate]);
  return { date: localDate, flags, confirmed: true as const, confirmed_at: confirmedAt.toISOString() };
}

/** Withdraws a confirmation: the day's flags keep it out of means again. No-op when none was given. */
export async function withdrawDayConfirmation(deps: Deps, userId: string, localDate: string): Promise<void> {
  const removed = await withTransaction(deps.db, async (tx) => {
    const found = await deleteConfirmation(tx, userId, localDate);
    if (found) await markDaysDirty(tx, userId, [localDate]);
    return found;
  });
  if (removed) await recomputeDaysBestEffort(deps, userId, [localDate]);
}
