import { wallTimeToUtcMs } from "../../lib/zone.js";

// Times in Google Fit's "Daily activity metrics" CSVs: the date comes from the file name (or a `Date` cell) and
// rows carry a time of day with an offset ("00:15:00.000+05:30"). Without an offset the account's zone is used.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;
const MS_PER_MINUTE = 60_000;

export interface WallDate {
  year: number;
  month: number;
  day: number;
}

export interface ResolvedTime {
  utcMs: number;
  /** The offset written in the file, or null when the time was placed with the account's zone. */
  utcOffsetMin: number | null;
}

/** "YYYY-MM-DD" → a calendar date, or null when malformed or not a real day. */
export function parseIsoDate(text: string): WallDate | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

/** The date a per-day file covers, from its name "…/2025-02-12.csv". */
export function dateFromFileName(fileName: string): WallDate | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? "";
  return baseName.toLowerCase().endsWith(".csv") ? parseIsoDate(baseName.slice(0, -4)) : null;
}

function offsetMinutes(text: string): number {
  if (text === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return text.startsWith("-") ? -minutes : minutes;
}

/** `date` (+ `dayShift` days) at the time of day `clockText` → a UTC instant; null when malformed. */
export function resolveClock(date: WallDate, clockText: string, timeZone: string, dayShift = 0): ResolvedTime | null {
  const match = CLOCK.exec(clockText.trim());
  if (!match) return null;
  const [, hour, minute, second, fraction = "0", offset] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const millis = Number(fraction.padEnd(3, "0"));
  const wallMs = Date.UTC(date.year, date.month - 1, date.day + dayShift, Number(hour), Number(minute), Number(second), millis);
  if (offset === undefined) return { utcMs: wallTimeToUtcMs(wallMs, timeZone), utcOffsetMin: null };
  const utcOffsetMin = offsetMinutes(offset);
  return { utcMs: wallMs - utcOffsetMin * MS_PER_MINUTE, utcOffsetMin };
}

/** UTC bounds of the local calendar day `date` in `timeZone` (23 or 25 hours long on DST days). */
export function localDayBoundsUtcMs(date: WallDate, timeZone: string): { startMs: number; endMs: number } {
  const startWallMs = Date.UTC(date.year, date.month - 1, date.day);
  const endWallMs = Date.UTC(date.year, date.month - 1, date.day + 1);
  return { startMs: wallTimeToUtcMs(startWallMs, timeZone), endMs: wallTimeToUtcMs(endWallMs, timeZone) };
}

export function formatIsoDate(date: WallDate): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
