import { describe, expect, it } from "vitest";
import {
  addDays,
  ageYears,
  dateOfDayNumber,
  datesBetween,
  dayNumberOf,
  daysBetweenInclusive,
  isoWeekdayOf,
  isWeekStart,
  nextDate,
  previousDate,
  weekEndOf,
  weekStartOf,
} from "../../../src/lib/calendar.js";

describe("calendar dates", () => {
  it("numbers consecutive dates consecutively, across month, leap-day and DST boundaries", () => {
    expect(dayNumberOf("1970-01-01")).toBe(0);
    expect(dayNumberOf("2024-03-01") - dayNumberOf("2024-02-28")).toBe(2);
    expect(dayNumberOf("2026-03-30") - dayNumberOf("2026-03-29")).toBe(1);
    expect(dateOfDayNumber(dayNumberOf("2026-10-25"))).toBe("2026-10-25");
    expect(dateOfDayNumber(-1)).toBe("1969-12-31");
  });

  it("adds days across month, leap-year and year boundaries", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-11-24", -60)).toBe("2026-09-25");
    expect(nextDate("2026-12-31")).toBe("2027-01-01");
    expect(previousDate("2027-01-01")).toBe("2026-12-31");
    expect(nextDate("2100-02-28")).toBe("2100-03-01");
    expect(nextDate("2000-02-28")).toBe("2000-02-29");
  });

  it("ranges are inclusive and bounded by construction: an inverted or malformed range is empty", () => {
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(datesBetween("2026-12-31", "2027-01-01")).toEqual(["2026-12-31", "2027-01-01"]);
    expect(datesBetween("2026-03-02", "2026-03-01")).toEqual([]);
    expect(datesBetween("2026-03-02", "not-a-date")).toEqual([]);
    expect(daysBetweenInclusive("2026-01-01", "2026-12-31")).toBe(365);
    expect(daysBetweenInclusive("2024-01-01", "2024-12-31")).toBe(366);
    expect(daysBetweenInclusive("2026-03-02", "2026-03-01")).toBe(0);
  });
});

describe("ISO weeks", () => {
  it("start on Monday and end on Sunday", () => {
    expect(isoWeekdayOf("2026-11-23")).toBe(1);
    expect(isoWeekdayOf("2026-11-29")).toBe(7);
    expect(weekStartOf("2026-11-29")).toBe("2026-11-23");
    expect(weekStartOf("2026-11-23")).toBe("2026-11-23");
    expect(weekEndOf("2026-11-23")).toBe("2026-11-29");
    expect(isWeekStart("2026-11-23")).toBe(true);
    expect(isWeekStart("2026-11-24")).toBe(false);
  });

  it("a week crossing the new year starts in the old year: ISO week 1 of 2026 began on 2025-12-29", () => {
    expect(weekStartOf("2026-01-01")).toBe("2025-12-29");
    expect(weekEndOf("2025-12-29")).toBe("2026-01-04");
  });

  it("week 53: 2026 starts on a Thursday, so its 53rd week runs from Monday 2026-12-28 to Sunday 2027-01-03", () => {
    // 53 Mondays from ISO week 1 of 2026 to the week holding 2027-01-01.
    expect(weekStartOf("2027-01-01")).toBe("2026-12-28");
    expect((dayNumberOf(weekStartOf("2027-01-01")) - dayNumberOf("2025-12-29")) / 7 + 1).toBe(53);
    for (const date of ["2026-12-31", "2027-01-01", "2027-01-03"]) expect(weekStartOf(date)).toBe("2026-12-28");
    expect(weekStartOf("2027-01-04")).toBe("2027-01-04");
    // A leap year starting on a Wednesday has one too: 2020-W53 holds 2021-01-03.
    expect(weekStartOf("2021-01-03")).toBe("2020-12-28");
  });
});

describe("age", () => {
  it("counts whole years; the birthday counts on its day", () => {
    expect(ageYears("1990-06-15", "2026-06-14")).toBe(35);
    expect(ageYears("1990-06-15", "2026-06-15")).toBe(36);
  });

  it("a 29 February birthday is reached on 1 March in common years", () => {
    expect(ageYears("2004-02-29", "2025-02-28")).toBe(20);
    expect(ageYears("2004-02-29", "2025-03-01")).toBe(21);
    expect(ageYears("2004-02-29", "2028-02-29")).toBe(24);
  });
});
