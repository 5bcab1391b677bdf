import { localDateAtOffset } from "../../lib/zone.js";

// Inhabited zones span UTC−12:00 to UTC+14:00; an offset outside is a typo, not a place.
export const MIN_UTC_OFFSET_MIN = -12 * 60;
export const MAX_UTC_OFFSET_MIN = 14 * 60;
/** Client clocks drift and people log ahead (tomorrow's breakfast), but not further than this. */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;
/** Same floor as imported samples: nothing logged through this service predates 2000. */
export const EARLIEST_ACCEPTED_MS = Date.UTC(2000, 0, 1);

const OFFSET_SUFFIX = /(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** An instant as the client stated it: UTC, the offset it was observed at, and the local date there. */
export interface OffsetInstant {
  at: Date;
  utcOffsetMin: number;
  localDate: string;
}

/** Parses an ISO 8601 date-time that ends in `Z` or `±HH:MM`, keeping that offset; null otherwise. */
export function parseOffsetDateTime(iso: string): OffsetInstant | null {
  const utcMs = Date.parse(iso);
  const match = OFFSET_SUFFIX.exec(iso);
  if (!match || Number.isNaN(utcMs)) return null;
  const [, sign, hh, mm] = match;
  const magnitudeMin = Number(hh ?? 0) * 60 + Number(mm ?? 0);
  const utcOffsetMin = sign === "-" && magnitudeMin > 0 ? -magnitudeMin : magnitudeMin;
  return { at: new Date(utcMs), utcOffsetMin, localDate: localDateAtOffset(utcMs, utcOffsetMin) };
}

/** False only for a readable date-time whose offset no zone uses (an unreadable one is the format check's to report). */
export function hasPlausibleOffset(iso: string): boolean {
  const parsed = parseOffsetDateTime(iso);
  return parsed === null || (parsed.utcOffsetMin >= MIN_UTC_OFFSET_MIN && parsed.utcOffsetMin <= MAX_UTC_OFFSET_MIN);
}

/** Why an instant is not accepted (as a field error message), or null when it is. */
export function instantProblem(at: Date, now: Date): string | null {
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS) return "must not be more than 24 h in the future";
  if (at.getTime() < EARLIEST_ACCEPTED_MS) return "must not be before 2000-01-01";
  return null;
}

/** The latest calendar date anywhere on Earth 24 h from now (UTC+14): later days cannot have begun. */
export function latestAcceptableLocalDate(now: Date): string {
  return localDateAtOffset(now.getTime() + MAX_FUTURE_MS, MAX_UTC_OFFSET_MIN);
}
