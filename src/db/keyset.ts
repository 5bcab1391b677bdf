// The two conditions every cursor-paged list repeats: "past the previous page's last row" and an optional local-date
// range. Kept here so the seven lists page the same way (a tie on the instant is broken by the id, in the list's
// own direction) and a fix to one is a fix to all.

import { type AnyColumn, and, eq, gt, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { CursorPosition } from "../lib/cursor.js";

/**
 * Rows strictly after `after` in a list ordered by (`at`, `id`) in `order`: a later (or, newest first, earlier)
 * instant, or the same instant and an id further on. No condition for the first page.
 */
export function pastCursor(at: AnyColumn, id: AnyColumn, after: CursorPosition | undefined, order: "asc" | "desc"): SQL | undefined {
  if (!after) return undefined;
  const instant = new Date(after.sortKey);
  const beyond = order === "asc" ? gt : lt;
  return or(beyond(at, instant), and(eq(at, instant), beyond(id, after.id)));
}

/** Rows whose local date lies in [from, to]; a missing bound leaves that side open. */
export function withinDates(localDate: AnyColumn, from: string | undefined, to: string | undefined): SQL | undefined {
  return and(from === undefined ? undefined : gte(localDate, from), to === undefined ? undefined : lte(localDate, to));
}
