import type { LocalDayWindow } from "../../lib/local-day.js";

// The day rule (docs/science.md §1): a record belongs to the local days of its own UTC offset. A record whose offset
// is the profile zone's offset at its start follows the zone's midnights (so DST days stay 23/25 h); any other
// offset (a trip, a device clock elsewhere) is a fixed offset. A span crossing local midnight is split by time.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** One part of a record that falls on one local day. */
export interface DayPiece {
  /** Index into the calendar's windows. */
  dayIndex: number;
  startMs: number;
  endMs: number;
  /** Fraction of the record's duration inside this piece; 1 for an instantaneous record. */
  share: number;
}

/** The local calendar date (YYYY-MM-DD) of an instant at a fixed UTC offset. */
export function localDateAtOffset(utcMs: number, offsetMin: number): string {
  return new Date(utcMs + offsetMin * MS_PER_MINUTE).toISOString().slice(0, 10);
}

/**
 * Consecutive local days (the profile zone's windows) on which records are placed by the day rule. Pieces that
 * fall on a date outside the calendar are dropped.
 */
export class LocalDayCalendar {
  private readonly indexByDate = new Map<string, number>();
  private readonly dateByDayNumber = new Map<number, string>();

  constructor(
    readonly windows: readonly LocalDayWindow[],
    /** Minutes east of UTC the profile zone observes at an instant. */
    private readonly zoneOffsetMinAt: (utcMs: number) => number,
  ) {
    windows.forEach((w, i) => this.indexByDate.set(w.localDate, i));
  }

  indexOf(localDate: string): number | undefined {
    return this.indexByDate.get(localDate);
  }

  /** Splits [startMs, endMs) recorded at `offsetMin` into its pieces per local day of this calendar. */
  place(startMs: number, endMs: number, offsetMin: number): DayPiece[] {
    return offsetMin === this.zoneOffsetMinAt(startMs) ? this.placeInZone(startMs, endMs) : this.placeAtOffset(startMs, endMs, offsetMin);
  }

  private placeInZone(startMs: number, endMs: number): DayPiece[] {
    const pieces: DayPiece[] = [];
    const durationMs = endMs - startMs;
    for (let i = this.firstWindowEndingAfter(startMs); i < this.windows.length; i++) {
      const w = this.windows[i];
      if (!w) break;
      if (durationMs <= 0) {
        if (startMs >= w.startMs && startMs < w.endMs) pieces.push({ dayIndex: i, startMs, endMs, share: 1 });
        break;
      }
      if (w.startMs >= endMs) break;
      const pieceStart = Math.max(startMs, w.startMs);
      const pieceEnd = Math.min(endMs, w.endMs);
      if (pieceEnd > pieceStart) pieces.push({ dayIndex: i, startMs: pieceStart, endMs: pieceEnd, share: (pieceEnd - pieceStart) / durationMs });
    }
    return pieces;
  }

  private placeAtOffset(startMs: number, endMs: number, offsetMin: number): DayPiece[] {
    const offsetMs = offsetMin * MS_PER_MINUTE;
    const durationMs = endMs - startMs;
    const firstDay = Math.floor((startMs + offsetMs) / MS_PER_DAY);
    if (durationMs <= 0) {
      const dayIndex = this.indexByDate.get(this.dateOfDayNumber(firstDay));
      return dayIndex === undefined ? [] : [{ dayIndex, startMs, endMs, share: 1 }];
    }
    const lastDay = Math.floor((endMs - 1 + offsetMs) / MS_PER_DAY);
    const pieces: DayPiece[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      const dayIndex = this.indexByDate.get(this.dateOfDayNumber(day));
      if (dayIndex === undefined) continue;
      const pieceStart = Math.max(startMs, day * MS_PER_DAY - offsetMs);
      const pieceEnd = Math.min(endMs, (day + 1) * MS_PER_DAY - offsetMs);
      if (pieceEnd > pieceStart) pieces.push({ dayIndex, startMs: pieceStart, endMs: pieceEnd, share: (pieceEnd - pieceStart) / durationMs });
    }
    return pieces;
  }

  private dateOfDayNumber(day: number): string {
    let date = this.dateByDayNumber.get(day);
    if (date === undefined) {
      date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      this.dateByDayNumber.set(day, date);
    }
    return date;
  }

  /** Index of the first window ending after `ms` (windows are contiguous and sorted). */
  private firstWindowEndingAfter(ms: number): number {
    let lo = 0;
    let hi = this.windows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.windows[mid]?.endMs ?? Number.POSITIVE_INFINITY) > ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
