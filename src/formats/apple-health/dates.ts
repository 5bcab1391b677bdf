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

const ZERO = 0x30;
// "yyyy-MM-dd HH:mm:ss ±hhmm": where the separators sit in the one shape Apple writes; every other place is a digit.
const APPLE_DATE_LENGTH = 25;
const SEPARATOR_AT = [4, 7, 10, 13, 16, 19] as const;
const SEPARATOR_CODE = [0x2d, 0x2d, 0x20, 0x3a, 0x3a, 0x20] as const;

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The shape every Apple timestamp has, read by character codes: the regex and its match array were the largest
 * single cost of reading a record. Undefined when the text has another shape, which the general path then reads.
 */
function parseCommonShape(text: string): AppleInstant | null | undefined {
  if (text.length !== APPLE_DATE_LENGTH) return undefined;
  for (let i = 0; i < SEPARATOR_AT.length; i++) if (text.charCodeAt(SEPARATOR_AT[i] ?? 0) !== SEPARATOR_CODE[i]) return undefined;
  const sign = text.charCodeAt(20);
  if (sign !== 0x2b && sign !== 0x2d) return undefined;
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  const hh = digitsAt(text, 21, 2);
  const mm = digitsAt(text, 23, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || hh < 0 || mm < 0) return undefined;
  if (!isValidCalendarTime(y, mo, d, h, mi, s)) return null;
  const minutes = hh * 60 + mm;
  if (mm > 59 || minutes > MAX_OFFSET_MIN) return null;
  const utcOffsetMin = sign === 0x2d ? -minutes : minutes;
  // Date.UTC reads years 0..99 as 1900..1999; those (never in a health export) take the general path's care.
  const wallMs = y >= 100 ? Date.UTC(y, mo - 1, d, h, mi, s) : utcWallClockMs(y, mo, d, h, mi, s);
  return { epochMs: wallMs - utcOffsetMin * MS_PER_MIN, utcOffsetMin };
}

/** Parses an Apple Health timestamp; null when the text is not a real date or has no usable offset. */
export function parseAppleDate(text: string | undefined, defaultUtcOffsetMin: number | null): AppleInstant | null {
  if (text === undefined) return null;
  const common = parseCommonShape(text);
  if (common !== undefined) return common;
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
