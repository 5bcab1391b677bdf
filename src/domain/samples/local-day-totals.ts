import type { MergedSegment } from "./merge-by-source-priority.js";

export interface LocalDayTotal {
  /** YYYY-MM-DD in the given time zone. */
  localDate: string;
  value: number;
}

export interface LocalDayOptions {
  /**
   * "prorate" (default) splits a segment that crosses local midnight by the time spent on each side;
   * "start-day" books the whole segment on the day it starts (what a naive per-record export sum does).
   */
  attribution?: "prorate" | "start-day";
}

// No local day lasts 48 h (DST makes 23/25 h days, a skipped date makes a shorter one), so the next date is in here.
const SEARCH_WINDOW_MS = 2 * 86_400_000;

/** Local calendar dates of instants in one IANA zone, and the instant each local day ends (DST and skipped days included). */
class LocalCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly dayEndByDate = new Map<string, number>();

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  }

  dateOf(instantMs: number): string {
    const parts = this.format.formatToParts(instantMs);
    const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}`;
  }

  /**
   * The first instant after `fromMs` (whose local date is `localDate`) with a later local date, by bisection.
   * Cached per date; a fall-back across midnight that repeats the date is re-searched from `fromMs`.
   */
  dayEndMs(localDate: string, fromMs: number): number {
    const cached = this.dayEndByDate.get(localDate);
    if (cached !== undefined && cached > fromMs) return cached;
    let lo = fromMs;
    let hi = fromMs + SEARCH_WINDOW_MS;
    if (!(this.dateOf(hi) > localDate)) throw new RangeError(`no local day after ${localDate} within 2 days in this time zone`);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dateOf(mid) > localDate) hi = mid;
      else lo = mid;
    }
    this.dayEndByDate.set(localDate, hi);
    return hi;
  }
}

function addTo(totals: Map<string, number>, localDate: string, value: number): void {
  totals.set(localDate, (totals.get(localDate) ?? 0) + value);
}

function addProrated(totals: Map<string, number>, segment: MergedSegment, calendar: LocalCalendar): void {
  const durationMs = segment.endMs - segment.startMs;
  let cursorMs = segment.startMs;
  do {
    const localDate = calendar.dateOf(cursorMs);
    const sliceEndMs = Math.min(segment.endMs, calendar.dayEndMs(localDate, cursorMs));
    const share = durationMs === 0 ? 1 : (sliceEndMs - cursorMs) / durationMs;
    addTo(totals, localDate, segment.value * share);
    cursorMs = sliceEndMs;
  } while (cursorMs < segment.endMs);
}

/** Sums merged segments per local day in `timeZone` (IANA name), sorted by date. */
export function totalsByLocalDay(
  segments: readonly MergedSegment[],
  timeZone: string,
  opts: LocalDayOptions = {},
): LocalDayTotal[] {
  const calendar = new LocalCalendar(timeZone);
  const totals = new Map<string, number>();
  for (const segment of segments) {
    if (opts.attribution === "start-day") addTo(totals, calendar.dateOf(segment.startMs), segment.value);
    else addProrated(totals, segment, calendar);
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([localDate, value]) => ({ localDate, value }));
}
