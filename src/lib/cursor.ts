import { isSupportedDate } from "./calendar.js";
import { BadRequestError } from "./errors.js";

/** Keyset position: the sort value of the last item seen and its id (tie-break). */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), "utf8").toString("base64url");
}

// What this API writes into a cursor: an instant as toISOString writes it, and ids of letters, digits and `_|:.-`.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[A-Za-z0-9_|:.-]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;

export function invalidCursor(): BadRequestError {
  return new BadRequestError("The cursor is not one this API issued.", "INVALID_CURSOR");
}

/** Whether `text` is an instant exactly as Date#toISOString writes it (a real time, not just the shape). */
export function isIsoInstant(text: string): boolean {
  // Within the supported dates: Postgres has no year 0, and no position this API writes lies outside them.
  if (!ISO_INSTANT.test(text) || !isSupportedDate(text.slice(0, 10))) return false;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && new Date(ms).toISOString() === text;
}

/**
 * Strict: a cursor decodes to exactly what encodeCursor writes (an ISO instant and a plain id), or it is a 400.
 * A tampered cursor never reaches a query.
 */
export function decodeCursor(cursor: string): CursorPosition {
  if (!BASE64URL.test(cursor)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 2) throw invalidCursor();
  const [sortKey, id] = value as unknown[];
  if (typeof sortKey !== "string" || typeof id !== "string" || !isIsoInstant(sortKey) || !CURSOR_ID.test(id)) throw invalidCursor();
  return { sortKey, id };
}

/** Given limit+1 rows, returns the page and the cursor for the next one. */
export function paginate<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null;
  return { items, nextCursor };
}
