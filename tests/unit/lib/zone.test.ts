import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertTimeZone,
  isoWithOffset,
  isValidTimeZone,
  localDateAtOffset,
  localDateIn,
  localDayWindow,
  utcOffsetMinAt,
  wallTimeToUtcMs,
  ZoneCache,
} from "../../../src/lib/zone.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const window = (date: string, zone: string) => {
  const w = localDayWindow(date, zone);
  return { start: iso(w.startMs), end: iso(w.endMs), hours: w.hours };
};

describe("zone names", () => {
  it("validates IANA zone names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("../etc/passwd")).toBe(false);
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});

describe("offsets", () => {
  it("are minutes east of UTC, including quarter hours and the far east and west", () => {
    expect(utcOffsetMinAt(at("2026-11-20T00:00:00Z"), "Asia/Kathmandu")).toBe(345);
    expect(utcOffsetMinAt(at("2026-11-20T00:00:00Z"), "Pacific/Tongatapu")).toBe(13 * 60);
    expect(utcOffsetMinAt(at("2026-11-20T00:00:00Z"), "Pacific/Kiritimati")).toBe(14 * 60);
    expect(utcOffsetMinAt(at("2026-11-20T00:00:00Z"), "Pacific/Honolulu")).toBe(-10 * 60);
    expect(utcOffsetMinAt(at("2026-07-01T00:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(utcOffsetMinAt(at("2026-07-01T00:00:00Z"), "Australia/Sydney")).toBe(600);
  });

  it("change at the transition instant, not before", () => {
    expect(utcOffsetMinAt(at("2026-03-29T00:59:59Z"), "Europe/Berlin")).toBe(60);
    expect(utcOffsetMinAt(at("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(utcOffsetMinAt(at("2026-10-25T00:59:59Z"), "Europe/Berlin")).toBe(120);
    expect(utcOffsetMinAt(at("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe(60);
  });
});

describe("wall time to UTC", () => {
  it("maps an ordinary wall time through the zone's offset", () => {
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 10, 20, 0, 15), "Asia/Kathmandu"))).toBe("2026-11-19T18:30:00.000Z");
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 10, 20, 9, 0), "Pacific/Honolulu"))).toBe("2026-11-20T19:00:00.000Z");
  });

  it("spring forward: a skipped wall time moves forward by the gap (Berlin 02:30 → 03:30)", () => {
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 2, 29, 2, 30), "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 9, 4, 2, 30), "Australia/Sydney"))).toBe("2026-10-03T16:30:00.000Z");
  });

  it("fall back: a repeated wall time is the earlier instant", () => {
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 9, 25, 2, 30), "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(wallTimeToUtcMs(Date.UTC(2026, 3, 5, 2, 30), "Australia/Sydney"))).toBe("2026-04-04T15:30:00.000Z");
  });
});

describe("local dates of instants", () => {
  it("at a fixed offset, east and west of UTC and on quarter hours", () => {
    expect(localDateAtOffset(at("2026-11-19T12:00:00Z"), 13 * 60)).toBe("2026-11-20");
    expect(localDateAtOffset(at("2026-11-20T05:00:00Z"), -10 * 60)).toBe("2026-11-19");
    expect(localDateAtOffset(at("2026-11-19T18:14:00Z"), 345)).toBe("2026-11-19");
    expect(localDateAtOffset(at("2026-11-19T18:15:00Z"), 345)).toBe("2026-11-20");
  });

  it("in a zone, across the year boundary on both sides of the date line", () => {
    expect(localDateIn(new Date("2026-03-29T22:30:00Z"), "UTC")).toBe("2026-03-29");
    expect(localDateIn(new Date("2026-03-29T22:30:00Z"), "Europe/Berlin")).toBe("2026-03-30");
    expect(localDateIn(new Date("2026-03-29T22:30:00Z"), "America/Los_Angeles")).toBe("2026-03-29");
    expect(localDateIn(new Date("2026-12-31T10:30:00Z"), "Pacific/Kiritimati")).toBe("2027-01-01");
    expect(localDateIn(new Date("2027-01-01T05:00:00Z"), "Pacific/Honolulu")).toBe("2026-12-31");
  });

  it("written with the offset they were observed at", () => {
    expect(isoWithOffset(at("2026-03-29T06:15:00Z"), 120)).toBe("2026-03-29T08:15:00.000+02:00");
    expect(isoWithOffset(at("2026-11-19T18:15:00Z"), 345)).toBe("2026-11-20T00:00:00.000+05:45");
    expect(isoWithOffset(at("2026-11-20T05:00:00Z"), -600)).toBe("2026-11-19T19:00:00.000-10:00");
  });
});

describe("local day windows", () => {
  it("spring forward makes a 23-hour day, fall back a 25-hour one (northern hemisphere)", () => {
    expect(window("2026-03-29", "Europe/Berlin")).toEqual({ start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z", hours: 23 });
    expect(window("2026-10-25", "Europe/Berlin")).toEqual({ start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z", hours: 25 });
    expect(window("2026-03-08", "America/New_York").hours).toBe(23);
    expect(window("2026-11-01", "America/New_York").hours).toBe(25);
  });

  it("southern hemisphere: clocks go back in April and forward in October", () => {
    expect(window("2026-04-05", "Australia/Sydney")).toEqual({ start: "2026-04-04T13:00:00.000Z", end: "2026-04-05T14:00:00.000Z", hours: 25 });
    expect(window("2026-10-04", "Australia/Sydney")).toEqual({ start: "2026-10-03T14:00:00.000Z", end: "2026-10-04T13:00:00.000Z", hours: 23 });
    // Lord Howe Island shifts by half an hour.
    expect(window("2026-10-04", "Australia/Lord_Howe").hours).toBe(23.5);
  });

  it("+5:45, +13 and −10 days are 24 hours from their own midnight", () => {
    expect(window("2026-11-20", "Asia/Kathmandu")).toEqual({ start: "2026-11-19T18:15:00.000Z", end: "2026-11-20T18:15:00.000Z", hours: 24 });
    expect(window("2026-11-20", "Pacific/Tongatapu")).toEqual({ start: "2026-11-19T11:00:00.000Z", end: "2026-11-20T11:00:00.000Z", hours: 24 });
    expect(window("2026-11-20", "Pacific/Honolulu")).toEqual({ start: "2026-11-20T10:00:00.000Z", end: "2026-11-21T10:00:00.000Z", hours: 24 });
  });

  it("a date the zone skipped (Samoa crossed the date line after 2011-12-29) has no hours", () => {
    expect(window("2011-12-29", "Pacific/Apia").hours).toBe(24);
    expect(window("2011-12-30", "Pacific/Apia").hours).toBe(0);
  });

  it("the new year's day starts at the zone's own midnight", () => {
    expect(window("2027-01-01", "Pacific/Kiritimati").start).toBe("2026-12-31T10:00:00.000Z");
    expect(window("2027-01-01", "Pacific/Honolulu").start).toBe("2027-01-01T10:00:00.000Z");
  });
});

describe("ZoneCache", () => {
  it("answers what the uncached functions answer, on both sides of a transition", () => {
    const zone = new ZoneCache("Europe/Berlin");
    for (const instant of ["2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:15:00Z", "2026-10-25T23:30:00Z"]) {
      const ms = at(instant);
      expect(zone.offsetMinAt(ms)).toBe(utcOffsetMinAt(ms, "Europe/Berlin"));
      expect(zone.zoneDateAt(ms)).toBe(localDateIn(new Date(ms), "Europe/Berlin"));
    }
    expect(zone.resolveOffsetMin(at("2026-07-01T00:00:00Z"), null)).toBe(120);
    expect(zone.resolveOffsetMin(at("2026-07-01T00:00:00Z"), -300)).toBe(-300);
    expect(zone.dateAt(at("2026-11-19T18:15:00Z"), 345)).toBe("2026-11-20");
  });
});

describe("ZoneCache over years of instants", () => {
  // Its 6-hour blocks must answer exactly what Intl answers, in zones with DST, half-hour DST (Lord Howe),
  // quarter-hour offsets, a skipped day (Apia) and none at all.
  const zones = ["Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "America/Sao_Paulo", "UTC"];
  it.each(zones)("%s: every offset equals the uncached one", (timeZone) => {
    const zone = new ZoneCache(timeZone);
    const from = at("2000-01-01T00:00:00Z");
    const to = at("2030-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => zone.offsetMinAt(ms) === utcOffsetMinAt(ms, timeZone)),
      { numRuns: 2000 },
    );
  });

  it("around each transition of a year, minute by minute in time order as an import reads", () => {
    const zone = new ZoneCache("America/Los_Angeles");
    for (const around of ["2024-03-10T10:00:00Z", "2024-11-03T09:00:00Z"]) {
      for (let ms = at(around) - 8 * 3_600_000; ms < at(around) + 8 * 3_600_000; ms += 60_000) {
        expect(zone.offsetMinAt(ms)).toBe(utcOffsetMinAt(ms, "America/Los_Angeles"));
      }
    }
  });
});
