// Calendar dates written YYYY-MM-DD, with no time zone and no clock: the dates a person lives on. Every function
// is pure arithmetic on the proleptic Gregorian calendar (instants and zones are src/lib/zone.ts's).

export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_WEEK = 7;

/**
 * The dates the service accepts from clients, both included. Within them every date is four digits, so string
 * order is date order and every loop over dates ends; a date outside is a 400 at the edge (query, path, body).
 */
export const EARLIEST_SUPPORTED_DATE = "1900-01-01";
export const LATEST_SUPPORTED_DATE = "2100-12-31";

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A real YYYY-MM-DD calendar date within EARLIEST_SUPPORTED_DATE … LATEST_SUPPORTED_DATE. */
export function isSupportedDate(date: string): boolean {
  if (!DATE_SHAPE.test(date) || date < EARLIEST_SUPPORTED_DATE || date > LATEST_SUPPORTED_DATE) return false;
  const ms = utcMidnightMs(date);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(date);
}

/** Whether an ISO 8601 date-time's own calendar date (before any offset is applied) is a supported date. */
export function hasSupportedDate(dateTime: string): boolean {
  return isSupportedDate(dateTime.slice(0, 10));
}

/** Days since 1970-01-01: consecutive dates get consecutive integers. */
export function dayNumberOf(date: string): number {
  return Math.round(utcMidnightMs(date) / MS_PER_DAY);
}

/** The date of a day number (the inverse of dayNumberOf); throws outside years 0000–9999, which no caller may reach. */
export function dateOfDayNumber(dayNumber: number): string {
  const iso = new Date(dayNumber * MS_PER_DAY).toISOString();
  // toISOString writes years past 9999 as +010000-…, which would sort before 9999-12-31 and break date order.
  if (!DATE_SHAPE.test(iso.slice(0, 10))) throw new RangeError("date outside years 0000-9999");
  return iso.slice(0, 10);
}

/** Epoch ms of the date's midnight at UTC: the anchor zone arithmetic starts from (not the date's local midnight). */
export function utcMidnightMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

export function nextDate(date: string): string {
  return addDays(date, 1);
}

export function previousDate(date: string): string {
  return addDays(date, -1);
}

/** Dates from `from` to `to`, both included; 0 when `to` precedes `from`. */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.max(0, dayNumberOf(to) - dayNumberOf(from) + 1);
}

/**
 * The dates from..to inclusive, oldest first; empty when `to` precedes `from`. Bounded by construction: the count
 * is computed first, so a malformed bound can never loop.
 */
export function datesBetween(from: string, to: string): string[] {
  const first = dayNumberOf(from);
  const count = daysBetweenInclusive(from, to);
  if (!Number.isFinite(count)) return [];
  return Array.from({ length: count }, (_, i) => dateOfDayNumber(first + i));
}

/** ISO 8601 weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(utcMidnightMs(date)).getUTCDay() + 6) % DAYS_PER_WEEK) + 1;
}

/** The Monday of the ISO week (Monday first) a date falls in. */
export function weekStartOf(date: string): string {
  return addDays(date, 1 - isoWeekdayOf(date));
}

/** The Sunday that ends the week starting on `weekStart`. */
export function weekEndOf(weekStart: string): string {
  return addDays(weekStart, DAYS_PER_WEEK - 1);
}

export function isWeekStart(date: string): boolean {
  return isoWeekdayOf(date) === 1;
}

/** Whole years between a birth date and a date (the birthday counts on its day; 29 Feb on 1 Mar in common years). */
export function ageYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = onDate.split("-").map(Number);
  if (by === undefined || bm === undefined || bd === undefined || y === undefined || m === undefined || d === undefined) {
    throw new Error("ageYears: dates must be YYYY-MM-DD");
  }
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
