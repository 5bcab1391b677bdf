import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, paginate } from "../../src/lib/cursor.js";
import { BadRequestError } from "../../src/lib/errors.js";
import { newId } from "../../src/lib/ids.js";
import { ageYears, isValidTimeZone, localDate } from "../../src/lib/time.js";

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

describe("time", () => {
  it("validates IANA zone names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("../etc/passwd")).toBe(false);
  });

  it("buckets an instant into the local calendar date", () => {
    const instant = new Date("2026-03-29T22:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-03-29");
    expect(localDate(instant, "Europe/Berlin")).toBe("2026-03-30");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2026-03-29");
  });

  it("computes whole years of age", () => {
    expect(ageYears("1990-06-15", "2026-06-14")).toBe(35);
    expect(ageYears("1990-06-15", "2026-06-15")).toBe(36);
  });
});
