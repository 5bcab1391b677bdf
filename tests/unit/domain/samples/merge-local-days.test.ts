import { describe, expect, it } from "vitest";
import { totalsByLocalDay } from "../../../../src/domain/samples/local-day-totals.js";
import type { MergedSegment } from "../../../../src/domain/samples/merge-by-source-priority.js";

const segment = (startIso: string, endIso: string, value: number): MergedSegment => ({
  sourceId: "watch",
  startMs: Date.parse(startIso),
  endMs: Date.parse(endIso),
  value,
  sampleIndex: 0,
});

describe("totalsByLocalDay", () => {
  it("splits a segment crossing local midnight by the time on each side", () => {
    const totals = totalsByLocalDay([segment("2024-06-01T23:00+02:00", "2024-06-02T01:00+02:00", 120)], "Europe/Berlin");
    expect(totals).toEqual([
      { localDate: "2024-06-01", value: 60 },
      { localDate: "2024-06-02", value: 60 },
    ]);
  });

  it("uses the zone's own midnight, not UTC's", () => {
    const evening = segment("2024-06-01T21:00Z", "2024-06-01T23:00Z", 100);
    expect(totalsByLocalDay([evening], "UTC")).toEqual([{ localDate: "2024-06-01", value: 100 }]);
    expect(totalsByLocalDay([evening], "Asia/Kolkata")).toEqual([{ localDate: "2024-06-02", value: 100 }]);
    expect(totalsByLocalDay([evening], "Europe/Berlin")).toEqual([
      { localDate: "2024-06-01", value: 50 },
      { localDate: "2024-06-02", value: 50 },
    ]);
  });

  it("handles a 23-hour DST day and a segment spanning several days", () => {
    // Berlin springs forward on 2024-03-31: that local day lasts 23 h.
    const totals = totalsByLocalDay([segment("2024-03-31T00:00+01:00", "2024-04-01T01:00+02:00", 240)], "Europe/Berlin");
    expect(totals).toEqual([
      { localDate: "2024-03-31", value: 230 },
      { localDate: "2024-04-01", value: 10 },
    ]);
    const threeDays = totalsByLocalDay([segment("2024-06-01T12:00Z", "2024-06-03T12:00Z", 48)], "UTC");
    expect(threeDays.map((d) => [d.localDate, d.value])).toEqual([
      ["2024-06-01", 12],
      ["2024-06-02", 24],
      ["2024-06-03", 12],
    ]);
  });

  it("books an instantaneous segment at midnight to the day it opens, and start-day mode books whole segments", () => {
    const atMidnight = segment("2024-06-02T00:00+02:00", "2024-06-02T00:00+02:00", 5);
    expect(totalsByLocalDay([atMidnight], "Europe/Berlin")).toEqual([{ localDate: "2024-06-02", value: 5 }]);
    const crossing = segment("2024-06-01T23:00+02:00", "2024-06-02T01:00+02:00", 120);
    expect(totalsByLocalDay([crossing], "Europe/Berlin", { attribution: "start-day" })).toEqual([{ localDate: "2024-06-01", value: 120 }]);
  });

  it("survives Samoa's skipped 2011-12-30 (the day after the 29th is the 31st)", () => {
    const totals = totalsByLocalDay([segment("2011-12-29T23:00-10:00", "2011-12-31T01:00+14:00", 2)], "Pacific/Apia");
    expect(totals).toEqual([
      { localDate: "2011-12-29", value: 1 },
      { localDate: "2011-12-31", value: 1 },
    ]);
  });
});
