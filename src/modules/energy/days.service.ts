import type { Deps } from "../../deps.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";
import { assertDateRange } from "../../lib/date-range.js";
import { nextDate } from "../../lib/time.js";
import { findDailyEnergy, listDailyEnergy } from "./energy.repo.js";
import { presentDay, presentEmptyDay } from "./energy.presenters.js";

/** One element per date in the range, computed or not, and whether recomputes are still on their way. */
export async function listDays(deps: Deps, userId: string, from: string, to: string) {
  assertDateRange(from, to);
  const [rows, pending] = await Promise.all([listDailyEnergy(deps.db, userId, from, to), hasPendingRecomputes(deps.queues, userId)]);
  const byDate = new Map(rows.map((row) => [row.localDate, row]));
  const days = [];
  for (let date = from; date <= to; date = nextDate(date)) {
    const row = byDate.get(date);
    days.push(row ? presentDay(row) : presentEmptyDay(date));
  }
  return { days, pending };
}

export async function getDay(deps: Deps, userId: string, date: string) {
  const [row, pending] = await Promise.all([findDailyEnergy(deps.db, userId, date), hasPendingRecomputes(deps.queues, userId)]);
  if (!row) return { ...presentEmptyDay(date), day_length_hours: null, breakdown: null, pending };
  return { ...presentDay(row), day_length_hours: row.dayLengthHours, breakdown: row.breakdown as Record<string, unknown>, pending };
}
