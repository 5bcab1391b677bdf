import { addDays, DAYS_PER_WEEK, datesBetween, dayNumberOf, weekStartOf } from "../../lib/calendar.js";
import { localDateAtOffset } from "../../lib/zone.js";
import { CALIBRATION_WINDOW_DAYS } from "./week-facts.js";

/** The latest local date anywhere on Earth is UTC+14. */
const MAX_UTC_OFFSET_MIN = 14 * 60;

/**
 * A day feeds its own week and, through the 28-day calibration window, the weeks whose Sunday is up to 27 days
 * later; weeks that cannot have begun anywhere yet (by `now`) are left out.
 */
export function weeksAffectedByDay(localDate: string, now: Date): string[] {
  const latestWeekStart = weekStartOf(localDateAtOffset(now.getTime(), MAX_UTC_OFFSET_MIN));
  const lastAffected = weekStartOf(addDays(localDate, CALIBRATION_WINDOW_DAYS - 1));
  const lastDay = Math.min(dayNumberOf(lastAffected), dayNumberOf(latestWeekStart));
  // Bounded by construction: the count is computed first (at most 5 weeks), never found by comparing strings.
  const count = Math.floor((lastDay - dayNumberOf(weekStartOf(localDate))) / DAYS_PER_WEEK) + 1;
  if (!Number.isFinite(count) || count <= 0) return [];
  return Array.from({ length: count }, (_, i) => addDays(weekStartOf(localDate), i * DAYS_PER_WEEK));
}

/** The union of weeksAffectedByDay over the local dates from..to. */
export function weeksAffectedByRange(from: string, to: string, now: Date): string[] {
  const weeks = new Set<string>();
  for (const date of datesBetween(from, to)) for (const week of weeksAffectedByDay(date, now)) weeks.add(week);
  return [...weeks].sort();
}
