import type { DbOrTx } from "../../db/client.js";
import { withTransaction } from "../../db/transaction.js";
import { classifyWeighIns } from "../../domain/body/weigh-in-outliers.js";
import { addDays } from "../../lib/calendar.js";
import { lockUserWeighIns, type StoredWeighIn, setOutlierFlags, weighInsOf } from "./weigh-in-outliers.repo.js";

/** A changed weigh-in affects its day and the days it stands for until the next weigh-in, at most this many. */
const MAX_DAYS_AFFECTED = 31;

/**
 * Re-derives every weigh-in's outlier flag from the user's whole weight history (docs/science.md §2.1), writes the
 * ones that changed, and returns the local dates whose numbers may change with them (the person's weight on those
 * days). Deterministic: the same weigh-ins always give the same flags.
 */
export async function refreshWeighInOutliers(db: DbOrTx, userId: string): Promise<string[]> {
  return withTransaction(db, async (tx) => {
    await lockUserWeighIns(tx, userId);
    const stored = await weighInsOf(tx, userId);
    const flags = classifyWeighIns(stored);
    const changes = stored.flatMap((w) => {
      const outlier = flags.get(w.id) ?? false;
      return outlier === w.outlier ? [] : [{ id: w.id, outlier }];
    });
    await setOutlierFlags(tx, userId, changes);
    const changed = new Set(changes.map((c) => c.id));
    return affectedDates(stored, (w) => changed.has(w.id));
  });
}

/**
 * Each changed weigh-in's date up to the day before the next weigh-in's (capped): the days its weight stands for.
 * Walked from the newest back, so the next later date is known at each step (one pass, however long the history).
 */
function affectedDates(weighIns: readonly StoredWeighIn[], changed: (w: StoredWeighIn) => boolean): string[] {
  const dates = new Set<string>();
  let nextLaterDate: string | null = null;
  let laterDate: string | null = null;
  for (let i = weighIns.length - 1; i >= 0; i--) {
    const w = weighIns[i] as StoredWeighIn;
    // The next weigh-in on a later local date than w's (weigh-ins on w's own date do not end what w stands for).
    if (laterDate !== null && laterDate > w.localDate) nextLaterDate = laterDate;
    // A later weigh-in on an earlier local date (a flight west) can leave the carried date behind w's: look ahead.
    else if (nextLaterDate !== null && nextLaterDate <= w.localDate) {
      nextLaterDate = weighIns.slice(i + 1).find((n) => n.localDate > w.localDate)?.localDate ?? null;
    }
    laterDate = w.localDate;
    if (!changed(w)) continue;
    const until = nextLaterDate ?? addDays(w.localDate, MAX_DAYS_AFFECTED);
    for (let d = w.localDate, n = 0; d < until && n < MAX_DAYS_AFFECTED; d = addDays(d, 1), n++) dates.add(d);
  }
  return [...dates].sort();
}
