import type { Deps } from "../../deps.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { previousDate } from "../../lib/calendar.js";
import { localDateIn } from "../../lib/zone.js";
import { findUser } from "../accounts/index.js";
import { estimatedDates } from "./energy.repo.js";
import { recomputeDays } from "./energy-range.service.js";

/**
 * Recomputes one local day from the raw rows and upserts its daily_energy row: the one-day case of
 * recomputeDays, so the two cannot drift. Returns false when the user no longer exists.
 */
export async function recomputeDay(deps: Deps, userId: string, localDate: string): Promise<boolean> {
  return (await recomputeDays(deps, userId, localDate, localDate)) !== null;
}

/** Recomputes the user's local yesterday (by the injected clock); returns that date, or null for a gone user. */
export async function finalizeYesterday(deps: Deps, userId: string): Promise<string | null> {
  const user = await findUser(deps, userId);
  if (!user) return null;
  const yesterday = previousDate(localDateIn(deps.clock.now(), user.timeZone));
  await recomputeDay(deps, userId, yesterday);
  return yesterday;
}

/** Days whose numbers depend on the profile (formula BMR or estimated activity) are redone after it changes. */
export async function recomputeEstimatedDays(deps: Deps, userId: string): Promise<number> {
  return enqueueDayRecomputes(deps, userId, await estimatedDates(deps.db, userId));
}

/** Every computed day is redone after the profile zone changes: its midnights, DST days and "today" moved. */
export async function recomputeAllDays(deps: Deps, userId: string): Promise<number> {
  return enqueueDayRecomputes(deps, userId, await estimatedDates(deps.db, userId, true));
}
