import { daysBetweenInclusive } from "./calendar.js";
import { ValidationError } from "./errors.js";

// Keeps one request bounded; a client wanting more asks again for the next range.
export const MAX_RANGE_DAYS = 366;

/** `to` must not precede `from`, and a range spans at most MAX_RANGE_DAYS local days. */
export function assertDateRange(from: string, to: string, maxDays = MAX_RANGE_DAYS): void {
  if (to < from) throw new ValidationError([{ path: "to", message: "must not be before `from`" }]);
  if (daysBetweenInclusive(from, to) > maxDays) {
    throw new ValidationError([{ path: "to", message: `a range may span at most ${maxDays} days` }]);
  }
}
