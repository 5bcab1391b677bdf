import type { Deps } from "../../deps.js";
import { EXERCISES } from "../../domain/training/exercise-catalogue.js";
import { type TrainingWeek, trainingWeek } from "../../domain/training/training-week.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";
import { addDays, datesBetween, weekEndOf, weekStartOf } from "../../lib/calendar.js";
import { assertDateRange } from "../../lib/date-range.js";
import { hiitMinutesByDate, stepsByDate, weekWorkouts } from "./training.repo.js";

export function exerciseCatalogue() {
  return EXERCISES;
}

/** Every local ISO week (Monday–Sunday) touching [from, to], oldest first, with `pending` while days are being recomputed. */
export async function trainingWeeks(deps: Deps, userId: string, from: string, to: string): Promise<{ weeks: TrainingWeek[]; pending: boolean }> {
  assertDateRange(from, to);
  const first = weekStartOf(from);
  const last = weekEndOf(weekStartOf(to));
  const stepsFrom = addDays(first, -7);
  const [workouts, hiit, steps, pending] = await Promise.all([
    weekWorkouts(deps.sql, userId, first, last),
    hiitMinutesByDate(deps.sql, userId, first, last),
    stepsByDate(deps.sql, userId, stepsFrom, last),
    hasPendingRecomputes(deps, userId),
  ]);
  const weeks: TrainingWeek[] = [];
  for (let weekStart = first; weekStart <= last; weekStart = addDays(weekStart, 7)) {
    const dates = datesBetween(weekStart, weekEndOf(weekStart));
    const previous = datesBetween(addDays(weekStart, -7), addDays(weekStart, -1)).flatMap((d) => {
      const s = steps.get(d);
      return s === undefined ? [] : [s];
    });
    weeks.push(
      trainingWeek({
        weekStart,
        dates,
        workouts: workouts.filter((w) => w.localDate >= weekStart && w.localDate <= (dates.at(-1) ?? weekStart)),
        hiitMinutesByDate: hiit,
        stepsByDate: steps,
        previousWeekMeanSteps: previous.length > 0 ? previous.reduce((a, b) => a + b, 0) / previous.length : null,
      }),
    );
  }
  return { weeks, pending };
}
