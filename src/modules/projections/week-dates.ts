const MS_PER_DAY = 86_400_000;
export const DAYS_PER_WEEK = 7;

/** Days since 1970-01-01 of a YYYY-MM-DD date: consecutive dates get consecutive integers. */
export function dayIndexOf(localDate: string): number {
  return Math.round(Date.parse(`${localDate}T00:00:00Z`) / MS_PER_DAY);
}

export function dateOfDayIndex(dayIndex: number): string {
  return new Date(dayIndex * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(localDate: string, days: number): string {
  return dateOfDayIndex(dayIndexOf(localDate) + days);
}

/** The Monday of the ISO week (Monday first) a local date falls in. */
export function weekStartOf(localDate: string): string {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return addDays(localDate, -((weekday + 6) % DAYS_PER_WEEK));
}

export function isWeekStart(localDate: string): boolean {
  return weekStartOf(localDate) === localDate;
}

/** The Sunday that ends the week starting on `weekStart`. */
export function weekEndOf(weekStart: string): string {
  return addDays(weekStart, DAYS_PER_WEEK - 1);
}
