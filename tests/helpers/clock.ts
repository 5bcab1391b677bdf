import type { Clock } from "../../src/lib/clock.js";

/** A clock that always answers the same instant: a test's "now". */
export function fixedClock(iso: string): Clock {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`fixedClock: invalid instant ${iso}`);
  return { now: () => new Date(ms) };
}
