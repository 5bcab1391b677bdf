import { nextDate } from "./time.js";
import { zonedWallTimeToUtcMs } from "./wall-clock.js";

export interface LocalDayWindow {
  localDate: string;
  startMs: number;
  endMs: number;
  /** 24, or 23/25 on DST days. */
  hours: number;
}

/** The UTC instants a local calendar day spans in a time zone (DST days are 23 or 25 hours long). */
export function localDayWindow(localDate: string, timeZone: string): LocalDayWindow {
  const startMs = zonedWallTimeToUtcMs(Date.parse(`${localDate}T00:00:00Z`), timeZone);
  const endMs = zonedWallTimeToUtcMs(Date.parse(`${nextDate(localDate)}T00:00:00Z`), timeZone);
  return { localDate, startMs, endMs, hours: (endMs - startMs) / 3_600_000 };
}
