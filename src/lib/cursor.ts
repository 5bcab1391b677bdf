import { BadRequestError } from "./errors.js";

/** Keyset position: the sort value of the last item seen and its id (tie-break). */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { sortKey: value[0], id: value[1] };
    }
  } catch {
    // fall through to the client error below
  }
  throw new BadRequestError("The cursor is not one this API issued.", "INVALID_CURSOR");
}

/** Given limit+1 rows, returns the page and the cursor for the next one. */
export function paginate<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null;
  return { items, nextCursor };
}
