import { wallTimeToUtcMs } from "../../lib/zone.js";

// Fitbit Takeout timestamps are local wall time with a 2-digit year and no zone: "02/28/24 00:00:00".
// The caller supplies the account's IANA zone and the wall time is converted to UTC with it.

/** Fitbit devices exist since 2009, so a 2-digit year is always 20YY. */
const CENTURY = 2000;
const FITBIT_DATE = /^(\d{2})\/(\d{2})\/(\d{2})$/;
const FITBIT_TIME = /^(\d{2}):(\d{2}):(\d{2})$/;

export interface WallDate {
  year: number;
  month: number;
  day: number;
}

export function parseFitbitDate(text: string): WallDate | null {
  const match = FITBIT_DATE.exec(text.trim());
  if (!match) return null;
  const [, month, day, year] = match;
  const date = { year: CENTURY + Number(year), month: Number(month), day: Number(day) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

/** "MM/DD/YY HH:mm:ss" (or a separate date and "HH:mm:ss") in `timeZone` → UTC epoch ms; null if malformed. */
export function fitbitWallTimeToUtcMs(dateText: string, timeText: string, timeZone: string): number | null {
  const date = parseFitbitDate(dateText);
  const time = FITBIT_TIME.exec(timeText.trim());
  if (!date || !time) return null;
  const [, hour, minute, second] = time;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const wallMs = Date.UTC(date.year, date.month - 1, date.day, Number(hour), Number(minute), Number(second));
  return wallTimeToUtcMs(wallMs, timeZone);
}

/** Splits Fitbit's "MM/DD/YY HH:mm:ss" dateTime into its date and time parts. */
export function splitDateTime(dateTime: string): [string, string] {
  const [datePart = "", timePart = ""] = dateTime.trim().split(/\s+/);
  return [datePart, timePart];
}

/** UTC bounds of the local calendar day that contains the wall date. */
export function localDayUtcMs(dateText: string, timeZone: string): { startMs: number; endMs: number } | null {
  const date = parseFitbitDate(dateText);
  if (!date) return null;
  const startWallMs = Date.UTC(date.year, date.month - 1, date.day);
  const nextWallMs = Date.UTC(date.year, date.month - 1, date.day + 1);
  return { startMs: wallTimeToUtcMs(startWallMs, timeZone), endMs: wallTimeToUtcMs(nextWallMs, timeZone) };
}
