import { describe, expect, it } from "vitest";
import { measureDays, withoutSupersededTotals } from "../../../../src/domain/days/day-measures.js";
import type { DaySampleRow, DayWorkoutRow } from "../../../../src/domain/days/day-records.js";
import { LocalDayCalendar } from "../../../../src/domain/days/day-rule.js";
import { datesBetween } from "../../../../src/lib/calendar.js";
import { localDayWindow, ZoneCache } from "../../../../src/lib/zone.js";

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function calendar(timeZone: string, from: string, to: string): LocalDayCalendar {
  const zone = new ZoneCache(timeZone);
  return new LocalDayCalendar(
    datesBetween(from, to).map((d) => localDayWindow(d, timeZone)),
    (ms) => zone.offsetMinAt(ms),
  );
}

const WATCH = { sourceId: 1, deviceType: "watch", sourceName: "Watch", priority: null };
const PHONE = { sourceId: 2, deviceType: "phone", sourceName: "Phone", priority: null };
const FIT = { sourceId: 3, deviceType: "phone", sourceName: "Google Fit", priority: null };

function sample(source: typeof WATCH, type: DaySampleRow["type"], startIso: string, hours: number, value: number, utcOffsetMin = 0): DaySampleRow {
  const startMs = at(startIso);
  return { ...source, type, startMs, endMs: startMs + hours * HOUR, value, utcOffsetMin };
}

function workout(id: string, startIso: string, hours: number, utcOffsetMin: number, localDate: string): DayWorkoutRow {
  const startMs = at(startIso);
  return {
    id,
    activityType: "running",
    duplicateOf: null,
    duplicateReason: null,
    startMs,
    endMs: startMs + hours * HOUR,
    durationS: hours * 3600,
    activeEnergyKcal: 400,
    avgHrBpm: null,
    sourceName: "Watch",
    deviceType: "watch",
    format: null,
    energyBasis: "net",
    utcOffsetMin,
    localDate,
  };
}

describe("measureDays", () => {
  it("merges sources in real time first, then books each piece on its own offset's day", () => {
    const cal = calendar("UTC", "2026-11-20", "2026-11-21");
    const days = measureDays(
      cal,
      [
        // The watch wins 10:00–11:00; the phone keeps only its uncovered hour 11:00–12:00.
        sample(WATCH, "steps", "2026-11-20T10:00:00Z", 1, 1000),
        sample(PHONE, "steps", "2026-11-20T10:00:00Z", 2, 600),
        // 23:00Z–01:00Z at +00:00 splits across the two days.
        sample(WATCH, "active_energy", "2026-11-20T23:00:00Z", 2, 100),
      ],
      [],
    );
    expect(days[0]?.steps.total).toBe(1300);
    expect([...(days[0]?.steps.bySource ?? [])]).toEqual([
      [1, 1000],
      [2, 300],
    ]);
    expect(days[0]?.active.total).toBe(50);
    expect(days[1]?.active.total).toBe(50);
    expect(days[1]?.steps.present).toBe(false);
  });

  it("a workout crossing its own local midnight is split by time and keeps its start date", () => {
    const cal = calendar("Europe/Berlin", "2026-11-20", "2026-11-21");
    // 23:00–01:00 at −10:00 = 09:00Z–11:00Z on the 21st (Berlin's 21st too, but the record's days are the 20th/21st).
    const days = measureDays(cal, [], [workout("wkt_a", "2026-11-21T09:00:00Z", 2, -600, "2026-11-20")]);
    expect(days[0]?.workouts.map((w) => [w.row.id, w.dayFraction])).toEqual([["wkt_a", 0.5]]);
    expect(days[1]?.workouts.map((w) => [w.row.id, w.dayFraction])).toEqual([["wkt_a", 0.5]]);
    expect(days.every((d) => d.hasData)).toBe(true);
  });

  it("a day-long total is left out where the same source wrote finer rows; it still covers the day", () => {
    const cal = calendar("UTC", "2026-11-20", "2026-11-21");
    const rows = [
      // Day 20: the summary row (6,000) and two 15-minute rows (120 + 80) of the same source: 200, not 6,200.
      sample(FIT, "steps", "2026-11-20T00:00:00Z", 24, 6000),
      sample(FIT, "steps", "2026-11-20T08:00:00Z", 0.25, 120),
      sample(FIT, "steps", "2026-11-20T18:00:00Z", 0.25, 80),
      // Day 21: only the summary row.
      sample(FIT, "steps", "2026-11-21T00:00:00Z", 24, 4000),
    ];
    expect(withoutSupersededTotals(rows).map((r) => r.value)).toEqual([120, 80, 4000]);
    const days = measureDays(cal, rows, []);
    expect(days.map((d) => d.steps.total)).toEqual([200, 4000]);
    // Coverage is judged on everything that covers the day: the detailed day is not the partial one.
    expect(days.map((d) => d.coverageHours)).toEqual([24, 24]);
  });

  it("coverage counts every row, winners and losers, and an instant covers its minute", () => {
    const cal = calendar("UTC", "2026-11-20", "2026-11-20");
    const days = measureDays(
      cal,
      [
        sample(WATCH, "basal_energy", "2026-11-20T00:00:00Z", 10, 700),
        sample(PHONE, "basal_energy", "2026-11-20T00:00:00Z", 16, 900),
        sample(WATCH, "heart_rate", "2026-11-20T20:00:00Z", 0, 60),
      ],
      [],
    );
    expect(days[0]?.coverageHours).toBe(16);
    expect(days[0]?.basal.total).toBe(700 + 900 * (6 / 16));
  });
});
