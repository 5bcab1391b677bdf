import { describe, expect, it } from "vitest";
import { LocalDayCalendar } from "../../../../src/domain/days/day-rule.js";
import { datesBetween } from "../../../../src/lib/calendar.js";
import { localDayWindow, ZoneCache } from "../../../../src/lib/zone.js";

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

function calendar(timeZone: string, from: string, to: string): LocalDayCalendar {
  const zone = new ZoneCache(timeZone);
  return new LocalDayCalendar(
    datesBetween(from, to).map((d) => localDayWindow(d, timeZone)),
    (ms) => zone.offsetMinAt(ms),
  );
}

/** [date, share] of each piece, shares rounded to 1e-9. */
function placed(cal: LocalDayCalendar, startIso: string, endIso: string, offsetMin: number) {
  return cal.place(at(startIso), at(endIso), offsetMin).map((p) => [cal.windows[p.dayIndex]?.localDate, Math.round(p.share * 1e9) / 1e9]);
}

describe("the day rule: a record belongs to the local days of its own offset", () => {
  it("UTC+13 (Tonga): a record at 12:00Z is on the next local date", () => {
    const cal = calendar("Pacific/Tongatapu", "2026-11-19", "2026-11-21");
    expect(placed(cal, "2026-11-19T12:00:00Z", "2026-11-19T12:30:00Z", 13 * 60)).toEqual([["2026-11-20", 1]]);
    // 10:30Z–11:30Z is 23:30–00:30 local: half on each date.
    expect(placed(cal, "2026-11-19T10:30:00Z", "2026-11-19T11:30:00Z", 13 * 60)).toEqual([
      ["2026-11-19", 0.5],
      ["2026-11-20", 0.5],
    ]);
  });

  it("UTC−10 (Honolulu): 05:00Z is the evening before", () => {
    const cal = calendar("Pacific/Honolulu", "2026-11-18", "2026-11-21");
    expect(placed(cal, "2026-11-20T05:00:00Z", "2026-11-20T05:00:00Z", -600)).toEqual([["2026-11-19", 1]]);
  });

  it("UTC+5:45 (Kathmandu): midnight falls at 18:15Z, and a record across it is split by time", () => {
    const cal = calendar("Asia/Kathmandu", "2026-11-19", "2026-11-20");
    // 18:00Z–18:30Z is 23:45–00:15 local.
    expect(placed(cal, "2026-11-19T18:00:00Z", "2026-11-19T18:30:00Z", 345)).toEqual([
      ["2026-11-19", 0.5],
      ["2026-11-20", 0.5],
    ]);
    expect(placed(cal, "2026-11-19T18:15:00Z", "2026-11-19T18:15:00Z", 345)).toEqual([["2026-11-20", 1]]);
  });

  it("spring forward (Berlin, 23-hour day): a whole-day record at the zone's offset stays on its day", () => {
    const cal = calendar("Europe/Berlin", "2026-03-28", "2026-03-30");
    expect(cal.windows[1]?.hours).toBe(23);
    // 2026-03-29 00:00+01:00 → 2026-03-30 00:00+02:00: 23 real hours, one local day. A fixed +01:00 would leak an
    // hour onto the 30th.
    expect(placed(cal, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 60)).toEqual([["2026-03-29", 1]]);
    // 01:30+01:00 → 03:30+02:00 is one real hour across the gap, all on the 29th.
    expect(placed(cal, "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", 60)).toEqual([["2026-03-29", 1]]);
  });

  it("fall back (Berlin, 25-hour day): the repeated hour belongs to the same date, the next midnight is at +01:00", () => {
    const cal = calendar("Europe/Berlin", "2026-10-24", "2026-10-26");
    expect(cal.windows[1]?.hours).toBe(25);
    expect(placed(cal, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 120)).toEqual([["2026-10-25", 1]]);
    // 23:30–00:30 local after the change (+01:00) splits evenly.
    expect(placed(cal, "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z", 60)).toEqual([
      ["2026-10-25", 0.5],
      ["2026-10-26", 0.5],
    ]);
  });

  it("a record at another offset than the profile's follows its own midnight, not the zone's", () => {
    const cal = calendar("Europe/Berlin", "2026-11-19", "2026-11-22");
    // A triathlon run leg at −10:00: 2026-11-20 20:00 there is 2026-11-21 07:00 in Berlin.
    expect(placed(cal, "2026-11-21T06:00:00Z", "2026-11-21T07:00:00Z", -600)).toEqual([["2026-11-20", 1]]);
    // 22:30–00:30 at −10:00: three quarters on the 20th, one on the 21st.
    expect(placed(cal, "2026-11-21T08:30:00Z", "2026-11-21T10:30:00Z", -600)).toEqual([
      ["2026-11-20", 0.75],
      ["2026-11-21", 0.25],
    ]);
    // The same instants at Berlin's own offset (+01:00) fall on Berlin's 21st.
    expect(placed(cal, "2026-11-21T08:30:00Z", "2026-11-21T10:30:00Z", 60)).toEqual([["2026-11-21", 1]]);
  });

  it("pieces keep real-time bounds and drop what falls outside the calendar", () => {
    const cal = calendar("UTC", "2026-11-20", "2026-11-20");
    const pieces = cal.place(at("2026-11-19T23:00:00Z"), at("2026-11-21T01:00:00Z"), 0);
    expect(pieces).toEqual([{ dayIndex: 0, startMs: at("2026-11-20T00:00:00Z"), endMs: at("2026-11-21T00:00:00Z"), share: 24 / 26 }]);
    expect(cal.place(at("2026-11-21T00:00:00Z"), at("2026-11-21T00:00:00Z"), 0)).toEqual([]);
    expect(cal.place(at("2026-11-21T10:00:00Z"), at("2026-11-21T10:00:00Z") + 30 * MIN, 5 * 60)).toEqual([]);
    expect(cal.indexOf("2026-11-20")).toBe(0);
  });
});

describe("TV-D6 records straddling midnight are split by the time on each side", () => {
  it("60 kcal from 23:30 to 00:30 → 30 kcal to each day", () => {
    const cal = calendar("UTC", "2026-11-19", "2026-11-20");
    const shares = placed(cal, "2026-11-19T23:30:00Z", "2026-11-20T00:30:00Z", 0);
    expect(shares.map(([date, share]) => [date, (share as number) * 60])).toEqual([
      ["2026-11-19", 30],
      ["2026-11-20", 30],
    ]);
  });

  it("uses the real (23-h) day length: a 2-h record from 22:00 Z on Berlin's spring-forward day is half on each", () => {
    const cal = calendar("Europe/Berlin", "2026-03-29", "2026-03-30");
    // The 23-hour 2026-03-29 ends at 22:00Z (midnight CEST).
    expect(placed(cal, "2026-03-29T21:00:00Z", "2026-03-29T23:00:00Z", 120)).toEqual([
      ["2026-03-29", 0.5],
      ["2026-03-30", 0.5],
    ]);
  });

  it("an instantaneous record at midnight goes whole to the day it opens", () => {
    const cal = calendar("UTC", "2026-11-19", "2026-11-20");
    expect(placed(cal, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", 0)).toEqual([["2026-11-20", 1]]);
  });
});
