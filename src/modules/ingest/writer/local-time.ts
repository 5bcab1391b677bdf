import { utcOffsetMinAt } from "../../../lib/wall-clock.js";

const MS_PER_MINUTE = 60_000;

/** The record's own offset when it has one, else the user's zone at that instant. */
export function resolveOffsetMin(startMs: number, recordOffsetMin: number | null, timeZone: string): number {
  return recordOffsetMin ?? utcOffsetMinAt(startMs, timeZone);
}

/** The local calendar date (YYYY-MM-DD) of an instant observed at a UTC offset. */
export function localDateAt(utcMs: number, offsetMin: number): string {
  return new Date(utcMs + offsetMin * MS_PER_MINUTE).toISOString().slice(0, 10);
}
