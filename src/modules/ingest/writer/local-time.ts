import { utcOffsetMinAt } from "../../../lib/wall-clock.js";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// Zone transitions fall on whole quarter hours of UTC, so one offset per 15-minute bucket is exact.
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;

/**
 * Local-time arithmetic for one import: a time zone's offset and a day number's date are each computed once and
 * remembered (Intl look-ups were a fifth of the import worker's CPU, measured).
 */
export class LocalTime {
  private readonly offsetByBucket = new Map<number, number>();
  private readonly dateByDay = new Map<number, string>();

  constructor(private readonly timeZone: string) {}

  /** Minutes east of UTC observed in the zone at an instant. */
  zoneOffsetMin(utcMs: number): number {
    const bucket = Math.floor(utcMs / OFFSET_BUCKET_MS);
    let offset = this.offsetByBucket.get(bucket);
    if (offset === undefined) {
      offset = utcOffsetMinAt(bucket * OFFSET_BUCKET_MS, this.timeZone);
      this.offsetByBucket.set(bucket, offset);
    }
    return offset;
  }

  /** The record's own offset when it has one, else the user's zone at that instant. */
  resolveOffsetMin(startMs: number, recordOffsetMin: number | null): number {
    return recordOffsetMin ?? this.zoneOffsetMin(startMs);
  }

  /** The local calendar date (YYYY-MM-DD) of an instant observed at a UTC offset. */
  dateAt(utcMs: number, offsetMin: number): string {
    const day = Math.floor((utcMs + offsetMin * MS_PER_MINUTE) / MS_PER_DAY);
    let date = this.dateByDay.get(day);
    if (date === undefined) {
      date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      this.dateByDay.set(day, date);
    }
    return date;
  }

  /** The date in the user's own zone. */
  zoneDateAt(utcMs: number): string {
    return this.dateAt(utcMs, this.zoneOffsetMin(utcMs));
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant observed at a UTC offset (one-off use; imports use LocalTime). */
export function localDateAt(utcMs: number, offsetMin: number): string {
  return new Date(utcMs + offsetMin * MS_PER_MINUTE).toISOString().slice(0, 10);
}
