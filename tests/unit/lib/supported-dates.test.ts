import { describe, expect, it } from "vitest";
import { weeksAffectedByDay } from "../../../src/domain/projections/affected-weeks.js";
import { dateOfDayNumber, datesBetween, dayNumberOf, hasSupportedDate, isSupportedDate } from "../../../src/lib/calendar.js";

describe("the supported dates, 1900-01-01 … 2100-12-31", () => {
  it.each(["1900-01-01", "2000-02-29", "2026-11-24", "2100-12-31"])("accepts %s", (date) => {
    expect(isSupportedDate(date)).toBe(true);
  });

  it.each(["1899-12-31", "2101-01-01", "0000-01-01", "0011-10-04", "9999-12-31", "2026-02-29", "2026-13-01", "2026-1-1", "+010000-01-01", ""])(
    "refuses %j",
    (date) => {
      expect(isSupportedDate(date)).toBe(false);
    },
  );

  it("checks a date-time by its own calendar date", () => {
    expect(hasSupportedDate("2100-12-31T23:59:59+14:00")).toBe(true);
    expect(hasSupportedDate("9999-12-31T08:00:00+01:00")).toBe(false);
  });
});

describe("date arithmetic cannot run past year 9999", () => {
  it("refuses to write a date after 9999-12-31 (it would sort before it) instead of returning +010000-…", () => {
    expect(dateOfDayNumber(dayNumberOf("9999-12-31"))).toBe("9999-12-31");
    expect(() => dateOfDayNumber(dayNumberOf("9999-12-31") + 1)).toThrow(RangeError);
  });

  it("datesBetween counts first, so a range is exactly its length", () => {
    expect(datesBetween("2100-12-30", "2100-12-31")).toEqual(["2100-12-30", "2100-12-31"]);
    expect(datesBetween("2026-11-24", "2026-11-23")).toEqual([]);
  });

  it("weeksAffectedByDay is bounded: a day feeds its own week and at most the next four, never a week not yet begun", () => {
    const now = new Date("2100-12-31T12:00:00Z");
    expect(weeksAffectedByDay("2026-11-24", now)).toEqual(["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"]);
    expect(weeksAffectedByDay("2026-11-24", new Date("2026-11-25T12:00:00Z"))).toEqual(["2026-11-23"]);
    expect(weeksAffectedByDay("2026-11-24", new Date("2026-11-01T12:00:00Z"))).toEqual([]);
  });
});
