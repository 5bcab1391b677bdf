import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, paginate } from "../../../src/lib/cursor.js";
import { BadRequestError } from "../../../src/lib/errors.js";
import { newId } from "../../../src/lib/ids.js";

describe("cursor", () => {
  it("round-trips a keyset position", () => {
    const cursor = encodeCursor({ sortKey: "2026-01-01T00:00:00.000Z", id: "key_abc" });
    expect(decodeCursor(cursor)).toEqual({ sortKey: "2026-01-01T00:00:00.000Z", id: "key_abc" });
  });

  it.each(["garbage", "", Buffer.from('{"a":1}').toString("base64url"), Buffer.from("[1,2]").toString("base64url")])(
    "rejects a cursor it did not issue: %j",
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(BadRequestError);
    },
  );

  it("returns a next cursor only when there is another page", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, at: `t${n}` }));
    const full = paginate(rows, 2, (r) => ({ sortKey: r.at, id: r.id }));
    expect(full.items).toHaveLength(2);
    expect(decodeCursor(full.nextCursor ?? "")).toEqual({ sortKey: "t2", id: "r2" });
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
