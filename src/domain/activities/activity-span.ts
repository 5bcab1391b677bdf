import { datesBetween } from "../../lib/calendar.js";
import { localDateIn } from "../../lib/zone.js";

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** The smallest window holding every span, or undefined for none. */
export function hullOf(spans: readonly { startMs: number; endMs: number }[]): TimeWindow | undefined {
  if (spans.length === 0) return undefined;
  return spans.reduce((w, s) => ({ fromMs: Math.min(w.fromMs, s.startMs), toMs: Math.max(w.toMs, s.endMs) }), {
    fromMs: Number.POSITIVE_INFINITY,
    toMs: Number.NEGATIVE_INFINITY,
  });
}

/** Every local date a workout touches: its own (at its offset) and each date of the user's zone it spans. */
export function workoutDates(w: { startMs: number; endMs: number; localDate: string }, timeZone: string): string[] {
  const zoneDates = datesBetween(localDateIn(new Date(w.startMs), timeZone), localDateIn(new Date(Math.max(w.startMs, w.endMs - 1)), timeZone));
  return [...new Set([w.localDate, ...zoneDates])];
}
