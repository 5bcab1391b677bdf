import type { DbOrTx } from "../../db/client.js";
import { PLAUSIBILITY_LOOKBACK_DAYS } from "../../domain/intake/intake-plausibility.js";
import { type IntakeOfDay, intakeOfDayFrom } from "../../domain/intake/intake-range.js";
import { addDays } from "../../lib/calendar.js";
import { declaredStatusesBetween, entryEnergiesBetween } from "./intake-range.repo.js";

/** intakeForDay for every date of a range, from two queries (the range plus its 90-day lookback). */
export async function intakeForRange(db: DbOrTx, userId: string, from: string, to: string): Promise<IntakeOfDay> {
  const since = addDays(from, -PLAUSIBILITY_LOOKBACK_DAYS);
  const [entries, declared] = await Promise.all([entryEnergiesBetween(db, userId, since, to), declaredStatusesBetween(db, userId, since, to)]);
  return intakeOfDayFrom(entries, declared);
}
