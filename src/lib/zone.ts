import { dateOfDayNumber, MS_PER_DAY, nextDate, utcMidnightMs } from "./calendar.js";

// Instants, UTC offsets and IANA time zones: which local date and wall time an instant is somewhere, and back.
// Offsets are minutes east of UTC. Wall times are carried as "epoch ms as if the wall time were UTC".

const MS_PER_MINUTE = 60_000;
/** Transitions are found by probing the offset this far either side of a wall time. */
const PROBE_WINDOW_MS = MS_PER_DAY;
// Zone transitions fall on whole quarter hours of UTC, so one offset per 15-minute bucket is exact.
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;
const OFFSET_BLOCK_MS = 6 * 60 * MS_PER_MINUTE;

const formatterByZone = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatterByZone.get(timeZone);
  if (cached) return cached;
  const created = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  formatterByZone.set(timeZone, created);
  return created;
}

/** True when `tz` is an IANA zone name this runtime knows (e.g. "Europe/Berlin"). */
export function isValidTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz) && tz !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError naming the zone when it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}"; expected an IANA name such as "Europe/Berlin"`);
  }
}

/** Minutes east of UTC that `timeZone` observes at the instant `utcMs`. */
export function utcOffsetMinAt(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const wallMs = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  const flooredUtcMs = Math.floor(utcMs / 1000) * 1000;
  return Math.round((wallMs - flooredUtcMs) / MS_PER_MINUTE);
}

/**
 * Converts a wall time in `timeZone` to a UTC instant. Ambiguous times (clocks going back) resolve to the
 * earlier instant; times skipped by a spring-forward gap move forward by the gap, as Temporal's "compatible".
 */
export function wallTimeToUtcMs(wallMs: number, timeZone: string): number {
  const offsetBefore = utcOffsetMinAt(wallMs - PROBE_WINDOW_MS, timeZone);
  const offsetAfter = utcOffsetMinAt(wallMs + PROBE_WINDOW_MS, timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offsetMin) => wallMs - offsetMin * MS_PER_MINUTE)
    .filter((utcMs) => wallMs - utcOffsetMinAt(utcMs, timeZone) * MS_PER_MINUTE === utcMs);
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - offsetBefore * MS_PER_MINUTE;
}

/** The local date of an instant observed at a fixed UTC offset. */
export function localDateAtOffset(utcMs: number, offsetMin: number): string {
  return new Date(utcMs + offsetMin * MS_PER_MINUTE).toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat costs far more than using one (a read answering "today" per request showed it).
const dateFormatterByZone = new Map<string, Intl.DateTimeFormat>();

/** The local date of an instant in a time zone. */
export function localDateIn(instant: Date, timeZone: string): string {
  let formatter = dateFormatterByZone.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatterByZone.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** ISO 8601 with the offset the instant was observed at, e.g. 2026-03-29T08:15:00.000+02:00. */
export function isoWithOffset(utcMs: number, offsetMin: number): string {
  const local = new Date(utcMs + offsetMin * MS_PER_MINUTE).toISOString().slice(0, 23);
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

export interface LocalDayWindow {
  localDate: string;
  startMs: number;
  endMs: number;
  /** 24, or 23/25 on DST days. */
  hours: number;
}

/** The UTC instants a local date spans in a time zone, from its local midnight to the next. */
export function localDayWindow(localDate: string, timeZone: string): LocalDayWindow {
  const startMs = wallTimeToUtcMs(utcMidnightMs(localDate), timeZone);
  const endMs = wallTimeToUtcMs(utcMidnightMs(nextDate(localDate)), timeZone);
  return { localDate, startMs, endMs, hours: (endMs - startMs) / 3_600_000 };
}

/**
 * One zone's offsets and local dates, each computed once and remembered: for the hot loops of an import or a
 * recompute (Intl look-ups were a fifth of the import worker's CPU, measured).
 */
export class ZoneCache {
  private readonly offsetByBucket = new Map<number, number>();
  /** Per 6-hour block: its one offset, or null when a transition falls inside it (then 15-minute buckets answer). */
  private readonly offsetByBlock = new Map<number, number | null>();
  private readonly dateByDay = new Map<number, string>();
  // The last block answered: an import's records come in time order, so most look-ups hit it.
  private lastBlock = Number.NaN;
  private lastBlockOffset = 0;

  constructor(readonly timeZone: string) {}

  /** Minutes east of UTC observed in the zone at an instant. */
  offsetMinAt(utcMs: number): number {
    const block = Math.floor(utcMs / OFFSET_BLOCK_MS);
    if (block === this.lastBlock) return this.lastBlockOffset;
    const offset = this.blockOffset(block);
    if (offset === null) return this.bucketOffset(utcMs);
    this.lastBlock = block;
    this.lastBlockOffset = offset;
    return offset;
  }

  /**
   * A block's offset when it has one. Offsets change only at quarter-hour transitions, and no zone has two within six
   * hours, so the block is uniform when its first and last quarter hours agree (one Intl call per block end, not per
   * quarter hour: those were a tenth of an import's CPU).
   */
  private blockOffset(block: number): number | null {
    let offset = this.offsetByBlock.get(block);
    if (offset === undefined) {
      const first = this.bucketOffset(block * OFFSET_BLOCK_MS);
      const last = this.bucketOffset((block + 1) * OFFSET_BLOCK_MS - OFFSET_BUCKET_MS);
      offset = first === last ? first : null;
      this.offsetByBlock.set(block, offset);
    }
    return offset;
  }

  private bucketOffset(utcMs: number): number {
    const bucket = Math.floor(utcMs / OFFSET_BUCKET_MS);
    let offset = this.offsetByBucket.get(bucket);
    if (offset === undefined) {
      offset = utcOffsetMinAt(bucket * OFFSET_BUCKET_MS, this.timeZone);
      this.offsetByBucket.set(bucket, offset);
    }
    return offset;
  }

  /** The record's own offset when it has one, else the zone's at that instant. */
  resolveOffsetMin(startMs: number, recordOffsetMin: number | null): number {
    return recordOffsetMin ?? this.offsetMinAt(startMs);
  }

  /** localDateAtOffset, remembered per day. */
  dateAt(utcMs: number, offsetMin: number): string {
    const day = Math.floor((utcMs + offsetMin * MS_PER_MINUTE) / MS_PER_DAY);
    let date = this.dateByDay.get(day);
    if (date === undefined) {
      date = dateOfDayNumber(day);
      this.dateByDay.set(day, date);
    }
    return date;
  }

  /** The local date in the zone itself. */
  zoneDateAt(utcMs: number): string {
    return this.dateAt(utcMs, this.offsetMinAt(utcMs));
  }
}
