import type { Deps } from "../../deps.js";
import { cachedJson } from "../../http/answer-cache.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";
import { datesBetween, daysBetweenInclusive } from "../../lib/calendar.js";
import { assertDateRange } from "../../lib/date-range.js";
import { NotFoundError } from "../../lib/errors.js";
import { localDateIn } from "../../lib/zone.js";
import { answersVersionOf, findUser } from "../accounts/index.js";
import { calibrationsForDays } from "../projections/index.js";
import { sleepMinutesByDate, sleepOfDate } from "../sleep/index.js";
import { presentBreakdown, presentDay, presentEmptyDay } from "./energy.presenters.js";
import { findDailyEnergy, listDailyEnergy } from "./energy.repo.js";

/** The profile zone's current local date by the injected clock: that day and later ones are still running. */
async function todayOf(deps: Deps, userId: string): Promise<string> {
  const user = await findUser(deps, userId);
  if (!user) throw new NotFoundError("user");
  return localDateIn(deps.clock.now(), user.timeZone);
}

// Today per zone, kept for the UTC minute it was computed in: offsets are whole minutes, so a local date cannot
// change inside one, and formatting it cost more than the rest of a kept answer's request in a profile.
const MS_PER_MINUTE = 60_000;
const todayByZone = new Map<string, { minute: number; date: string }>();

function todayIn(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / MS_PER_MINUTE);
  const kept = todayByZone.get(timeZone);
  if (kept?.minute === minute) return kept.date;
  const date = localDateIn(now, timeZone);
  todayByZone.set(timeZone, { minute, date });
  return date;
}

const roundSleep = (minutes: number | null) => (minutes === null ? null : Math.round(minutes * 10) / 10);

const emptyStatus = (date: string, today: string) => (date >= today ? "in_progress" : "no_data");

/**
 * `listDays` as JSON text, kept per process under the user's answers version (answer-cache.ts), so a dashboard
 * re-reading a year costs one primary-key lookup until a change to the days, the weeks calibrating them, the sleep
 * samples, the sources or the outbox commits.
 */
export async function listDaysJson(deps: Deps, userId: string, from: string, to: string) {
  assertDateRange(from, to);
  const { version, timeZone } = await answersVersionOf(deps, userId);
  // Today decides which dates without a row are still running.
  const tag = `${version}|${todayIn(deps.clock.now(), timeZone)}`;
  return cachedJson(deps, `days|${userId}|${from}|${to}`, tag, () => listDays(deps, userId, from, to));
}

/** One element per date in the range, computed or not, and whether recomputes are still on their way. */
async function listDays(deps: Deps, userId: string, from: string, to: string) {
  const [rows, pending, calibrationOf, sleepOf] = await Promise.all([
    listDailyEnergy(deps.db, userId, from, to),
    hasPendingRecomputes(deps, userId),
    calibrationsForDays(deps.db, userId, from, to),
    sleepMinutesByDate(deps, userId, from, to),
  ]);
  const byDate = new Map(rows.map((row) => [row.localDate, row]));
  // Only a date without a row needs the profile zone's today (to tell a running day from a day without data).
  const today = rows.length < daysBetweenInclusive(from, to) ? await todayOf(deps, userId) : "";
  const days = [];
  for (const date of datesBetween(from, to)) {
    const row = byDate.get(date);
    const day = row ? presentDay(row, calibrationOf(date)) : presentEmptyDay(date, emptyStatus(date, today));
    days.push({ ...day, sleep_minutes: roundSleep(sleepOf.get(date) ?? null) });
  }
  return { days, pending };
}

export async function getDay(deps: Deps, userId: string, date: string) {
  const [row, pending, calibrationOf, sleep] = await Promise.all([
    findDailyEnergy(deps.db, userId, date),
    hasPendingRecomputes(deps, userId),
    calibrationsForDays(deps.db, userId, date, date),
    sleepOfDate(deps, userId, date),
  ]);
  const sleepFields = { sleep_minutes: sleep?.asleep_minutes ?? null, sleep };
  if (!row) {
    const empty = presentEmptyDay(date, emptyStatus(date, await todayOf(deps, userId)));
    return { ...empty, ...sleepFields, day_length_hours: null, breakdown: null, pending };
  }
  return {
    ...presentDay(row, calibrationOf(date)),
    ...sleepFields,
    day_length_hours: row.dayLengthHours,
    breakdown: presentBreakdown(row.breakdown),
    pending,
  };
}
