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

/** An optional range of a paginated list: only the order of the bounds is checked (pages bound the work). */
export function assertRangeOrder(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && to < from) throw new ValidationError([{ path: "to", message: "must not be before `from`" }]);
}
