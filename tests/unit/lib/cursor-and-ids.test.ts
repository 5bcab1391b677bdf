import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, paginate } from "../../../src/lib/cursor.js";
import { BadRequestError } from "../../../src/lib/errors.js";
import { newId } from "../../../src/lib/ids.js";

describe("cursor", () => {
  it("round-trips a keyset position", () => {
    const cursor = encodeCursor({ sortKey: "2026-01-01T00:00:00.000Z", id: "key_abc" });
    expect(decodeCursor(cursor)).toEqual({ sortKey: "2026-01-01T00:00:00.000Z", id: "key_abc" });
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  it.each([
    "garbage",
    "",
    forged({ a: 1 }),
    forged([1, 2]),
    forged(["x", "y"]),
    forged(["2026-01-01", "key_abc"]),
    forged(["2026-02-30T00:00:00.000Z", "key_abc"]),
    forged(["0000-01-01T00:00:00.000Z", "key_abc"]),
    forged(["2026-01-01T00:00:00.000Z", "key\u0000abc"]),
    forged(["2026-01-01T00:00:00.000Z", "key abc' or 1=1"]),
    forged(["2026-01-01T00:00:00.000Z", "k".repeat(129)]),
  ])("rejects a cursor it did not issue: %j", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(BadRequestError);
  });

  it("returns a next cursor only when there is another page", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, at: `2026-11-0${n}T08:00:00.000Z` }));
    const full = paginate(rows, 2, (r) => ({ sortKey: r.at, id: r.id }));
    expect(full.items).toHaveLength(2);
    expect(decodeCursor(full.nextCursor ?? "")).toEqual({ sortKey: "2026-11-02T08:00:00.000Z", id: "r2" });
    expect(paginate(rows.slice(0, 2), 2, (r) => ({ sortKey: r.at, id: r.id })).nextCursor).toBeNull();
  });
});

describe("ids", () => {
  it("are prefixed and sort by creation time", () => {
    const a = newId("usr", Date.UTC(2026, 0, 1));
    const b = newId("usr", Date.UTC(2026, 0, 2));
    expect(a).toMatch(/^usr_[0-9a-z]{26}$/);
    expect(a < b).toBe(true);
  });
});
