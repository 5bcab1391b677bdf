import { JOBS, jobIds } from "../../jobs/definitions.js";
import { isPending, markPendingFor } from "../../jobs/pending.js";
import type { Queues } from "../../jobs/queues.js";
import { CALIBRATION_WINDOW_DAYS } from "../../domain/projections/week-facts.js";
import { addDays, DAYS_PER_WEEK, weekStartOf, datesBetween } from "../../lib/calendar.js";
import { localDateAtOffset } from "../../lib/zone.js";

// Debounce window: the days of a week recompute one after another; their projection runs once, after the last.
export const PROJECTION_DEBOUNCE_MS = 3_000;
/** The latest local date anywhere on Earth is UTC+14. */
const MAX_UTC_OFFSET_MIN = 14 * 60;

/**
 * A day feeds its own week and, through the 28-day calibration window, the weeks whose Sunday is up to 27 days
 * later; weeks that cannot have begun anywhere yet (by `now`) are left out.
 */
export function weeksAffectedByDay(localDate: string, now: Date): string[] {
  const latestWeekStart = weekStartOf(localDateAtOffset(now.getTime(), MAX_UTC_OFFSET_MIN));
  const lastAffected = weekStartOf(addDays(localDate, CALIBRATION_WINDOW_DAYS - 1));
  const weeks: string[] = [];
  for (let week = weekStartOf(localDate); week <= lastAffected && week <= latestWeekStart; week = addDays(week, DAYS_PER_WEEK)) {
    weeks.push(week);
  }
  return weeks;
}

/** The union of weeksAffectedByDay over the local dates from..to. */
export function weeksAffectedByRange(from: string, to: string, now: Date): string[] {
  const weeks = new Set<string>();
  for (const date of datesBetween(from, to)) for (const week of weeksAffectedByDay(date, now)) weeks.add(week);
  return [...weeks].sort();
}

/**
 * One `projections.project-week` per (user, week), debounced: a delayed one is replaced and pushed back; while
 * one runs, the latest request is kept and runs after it (keepLastIfActive), so no change is ever missed.
 */
export async function enqueueWeekProjections(queues: Queues, userId: string, weekStarts: Iterable<string>): Promise<number> {
  const weeks = [...new Set(weekStarts)].sort();
  if (weeks.length === 0) return 0;
  const definition = JOBS["projections.project-week"];
  const jobs = weeks.map((weekStart) => ({
    name: "projections.project-week" as const,
    data: definition.schema.parse({ userId, weekStart }),
    opts: {
      ...definition.opts,
      delay: PROJECTION_DEBOUNCE_MS,
      deduplication: { id: jobIds.projectWeek(userId, weekStart), extend: true, replace: true, keepLastIfActive: true },
    },
  }));
  await markPendingFor(queues[definition.queue], jobs.map((j) => definition.pending(j.data)));
  await queues[definition.queue].addBulk(jobs);
  return weeks.length;
}

/** True while a day recompute or a projection for this user is queued or running (a recompute queues the projection). */
export async function hasPendingProjections(queues: Queues, userId: string): Promise<boolean> {
  const [recomputing, projecting] = await Promise.all([
    isPending(queues[JOBS["energy.recompute-day"].queue], ["recompute"], userId),
    isPending(queues[JOBS["projections.project-week"].queue], ["projection"], userId),
  ]);
  return recomputing || projecting;
}
