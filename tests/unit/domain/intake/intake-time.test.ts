import { describe, expect, it } from "vitest";
import { hasPlausibleOffset, instantProblem, latestAcceptableLocalDate, parseOffsetDateTime } from "../../../../src/domain/intake/intake-time.js";
import { kcalFromKj, kgFromLb } from "../../../../src/domain/intake/intake-units.js";

describe("parseOffsetDateTime", () => {
  it.each([
    ["2026-11-23T23:30:00-05:00", "2026-11-24T04:30:00.000Z", -300, "2026-11-23"],
    ["2026-11-24T00:15:00+05:45", "2026-11-23T18:30:00.000Z", 345, "2026-11-24"],
    ["2026-11-24T08:00:00Z", "2026-11-24T08:00:00.000Z", 0, "2026-11-24"],
    ["2026-11-24T08:00:00.250-00:00", "2026-11-24T08:00:00.250Z", 0, "2026-11-24"],
    ["2026-03-29T01:30:00+14:00", "2026-03-28T11:30:00.000Z", 840, "2026-03-29"],
  ])("%s keeps its offset and local date", (iso, utc, offsetMin, localDate) => {
    const parsed = parseOffsetDateTime(iso);
    expect(parsed?.at.toISOString()).toBe(utc);
    expect(parsed?.utcOffsetMin).toBe(offsetMin);
    expect(parsed?.localDate).toBe(localDate);
  });

  it("refuses a time without an offset or an unreadable one", () => {
    expect(parseOffsetDateTime("2026-11-24T08:00:00")).toBeNull();
    expect(parseOffsetDateTime("yesterday+01:00")).toBeNull();
  });

  it("accepts offsets between -12:00 and +14:00 only", () => {
    expect(hasPlausibleOffset("2026-11-24T08:00:00-12:00")).toBe(true);
    expect(hasPlausibleOffset("2026-11-24T08:00:00+14:00")).toBe(true);
    expect(hasPlausibleOffset("2026-11-24T08:00:00-12:30")).toBe(false);
    expect(hasPlausibleOffset("2026-11-24T08:00:00+14:01")).toBe(false);
  });
});

describe("instantProblem", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  it("allows up to 24 h ahead and nothing before 2000", () => {
    expect(instantProblem(new Date("2026-11-25T12:00:00Z"), now)).toBeNull();
    expect(instantProblem(new Date("2026-11-25T12:00:00.001Z"), now)).toMatch(/24 h/);
    expect(instantProblem(new Date("2000-01-01T00:00:00Z"), now)).toBeNull();
    expect(instantProblem(new Date("1999-12-31T23:59:59Z"), now)).toMatch(/2000/);
  });

  it("the latest acceptable local date is the date at UTC+14 a day from now", () => {
    expect(latestAcceptableLocalDate(now)).toBe("2026-11-26");
    expect(latestAcceptableLocalDate(new Date("2026-11-24T09:59:59Z"))).toBe("2026-11-25");
  });
});

describe("unit conversions", () => {
  it("kJ → kcal ÷ 4.184 to 0.01 kcal; lb → kg × 0.45359237", () => {
    expect(kcalFromKj(2092)).toBe(500);
    expect(kcalFromKj(1000)).toBe(239.01);
    expect(kcalFromKj(0)).toBe(0);
    expect(kgFromLb(100)).toBeCloseTo(45.359237, 12);
  });
});
