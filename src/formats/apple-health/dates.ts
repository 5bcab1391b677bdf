export interface AppleInstant {
  epochMs: number;
  utcOffsetMin: number;
}

// Apple writes "yyyy-MM-dd HH:mm:ss ±hhmm" in the exporting phone's zone; the offset is optional here only so
// callers can supply a default for offset-less variants. Parsed by hand: Date parsing of local strings is zone-dependent.
const APPLE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2}))?$/;
const MS_PER_MIN = 60_000;
const MAX_OFFSET_MIN = 14 * 60;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isValidCalendarTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return false;
  return h <= 23 && mi <= 59 && s <= 59;
}

/** Parses an Apple Health timestamp; null when the text is not a real date or has no usable offset. */
export function parseAppleDate(text: string | undefined, defaultUtcOffsetMin: number | null): AppleInstant | null {
  if (text === undefined) return null;
  const m = APPLE_DATE.exec(text.trim());
  if (m === null) return null;
  // The regex guarantees six digit groups; the defaults only satisfy the type checker.
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1, 7).map(Number);
  if (!isValidCalendarTime(y, mo, d, h, mi, s)) return null;
  const utcOffsetMin = offsetFromMatch(m[7], m[8], m[9], defaultUtcOffsetMin);
  if (utcOffsetMin === null) return null;
  return { epochMs: utcWallClockMs(y, mo, d, h, mi, s) - utcOffsetMin * MS_PER_MIN, utcOffsetMin };
}

// Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
function utcWallClockMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function offsetFromMatch(
  sign: string | undefined,
  hh: string | undefined,
  mm: string | undefined,
  defaultUtcOffsetMin: number | null,
): number | null {
  if (sign === undefined || hh === undefined || mm === undefined) return defaultUtcOffsetMin;
  const minutes = Number(hh) * 60 + Number(mm);
  if (Number(mm) > 59 || minutes > MAX_OFFSET_MIN) return null;
  return sign === "-" ? -minutes : minutes;
}
