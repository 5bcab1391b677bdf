import { dateOfDayNumber, MS_PER_DAY, utcMidnightMs } from "../../lib/calendar.js";
import type { LocalDayWindow } from "../../lib/zone.js";

// The day rule (docs/science.md §1): a record belongs to the local days of its own UTC offset. A record whose offset
// is the profile zone's offset at its start follows the zone's midnights (so DST days stay 23/25 h); any other
// offset (a trip, a device clock elsewhere) is a fixed offset. A span crossing local midnight is split by time.

const MS_PER_MINUTE = 60_000;

/** One part of a record that falls on one local day. */
export interface DayPiece {
  /** Index into the calendar's windows. */
  dayIndex: number;
  startMs: number;
  endMs: number;
  /** Fraction of the record's duration inside this piece; 1 for an instantaneous record. */
  share: number;
}

export type PieceVisitor = (dayIndex: number, startMs: number, endMs: number, share: number) => void;

/**
 * Consecutive local days (the profile zone's windows) on which records are placed by the day rule. Pieces that
 * fall on a date outside the calendar are dropped.
 */
export class LocalDayCalendar {
  private readonly indexByDate = new Map<string, number>();
  private readonly dateByDayNumber = new Map<number, string>();
  /** The zone's offset throughout each window that is exactly 24 h long (no transition inside); null otherwise. */
  private readonly steadyOffsetMin: (number | null)[];

  constructor(
    readonly windows: readonly LocalDayWindow[],
    /** Minutes east of UTC the profile zone observes at an instant (asked only where a day has a transition). */
    private readonly zoneOffsetMinAt: (utcMs: number) => number,
  ) {
    windows.forEach((w, i) => {
      this.indexByDate.set(w.localDate, i);
    });
    this.steadyOffsetMin = windows.map((w) => (w.endMs - w.startMs === MS_PER_DAY ? (utcMidnightMs(w.localDate) - w.startMs) / MS_PER_MINUTE : null));
  }

  indexOf(localDate: string): number | undefined {
    return this.indexByDate.get(localDate);
  }

  /** Splits [startMs, endMs) recorded at `offsetMin` into its pieces per local day of this calendar. */
  place(startMs: number, endMs: number, offsetMin: number): DayPiece[] {
    const pieces: DayPiece[] = [];
    this.forEachPiece(startMs, endMs, offsetMin, (dayIndex, pieceStart, pieceEnd, share) =>
      pieces.push({ dayIndex, startMs: pieceStart, endMs: pieceEnd, share }),
    );
    return pieces;
  }

  /** `place` without the allocations, for the hot loops over a chunk's rows. */
  forEachPiece(startMs: number, endMs: number, offsetMin: number, visit: PieceVisitor): void {
    const first = this.firstWindowEndingAfter(startMs);
    const steady = (this.windows[first]?.startMs ?? Number.POSITIVE_INFINITY) <= startMs ? this.steadyOffsetMin[first] : null;
    const zoneOffsetMin = steady ?? this.zoneOffsetMinAt(startMs);
    if (offsetMin === zoneOffsetMin) this.visitInZone(startMs, endMs, first, visit);
    else this.visitAtOffset(startMs, endMs, offsetMin, visit);
  }

  private visitInZone(startMs: number, endMs: number, first: number, visit: PieceVisitor): void {
    const durationMs = endMs - startMs;
    for (let i = first; i < this.windows.length; i++) {
      const w = this.windows[i];
      if (!w) break;
      if (durationMs <= 0) {
        if (startMs >= w.startMs && startMs < w.endMs) visit(i, startMs, endMs, 1);
        break;
      }
      if (w.startMs >= endMs) break;
      const pieceStart = Math.max(startMs, w.startMs);
      const pieceEnd = Math.min(endMs, w.endMs);
      if (pieceEnd > pieceStart) visit(i, pieceStart, pieceEnd, (pieceEnd - pieceStart) / durationMs);
    }
  }

  private visitAtOffset(startMs: number, endMs: number, offsetMin: number, visit: PieceVisitor): void {
    const offsetMs = offsetMin * MS_PER_MINUTE;
    const durationMs = endMs - startMs;
    const firstDay = Math.floor((startMs + offsetMs) / MS_PER_DAY);
    if (durationMs <= 0) {
      const dayIndex = this.indexByDate.get(this.dateOfDayNumber(firstDay));
      if (dayIndex !== undefined) visit(dayIndex, startMs, endMs, 1);
      return;
    }
    const lastDay = Math.floor((endMs - 1 + offsetMs) / MS_PER_DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      const dayIndex = this.indexByDate.get(this.dateOfDayNumber(day));
      if (dayIndex === undefined) continue;
      const pieceStart = Math.max(startMs, day * MS_PER_DAY - offsetMs);
      const pieceEnd = Math.min(endMs, (day + 1) * MS_PER_DAY - offsetMs);
      if (pieceEnd > pieceStart) visit(dayIndex, pieceStart, pieceEnd, (pieceEnd - pieceStart) / durationMs);
    }
  }

  private dateOfDayNumber(day: number): string {
    let date = this.dateByDayNumber.get(day);
    if (date === undefined) {
      date = dateOfDayNumber(day);
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
