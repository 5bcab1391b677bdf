import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedSample, ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import type { FitbitParseOptions } from "../../../src/formats/fitbit/parse-fitbit.js";
import { fitbitFileKind, parseFitbit } from "../../../src/formats/fitbit/parse-fitbit.js";
import { utcOffsetMinAt, wallTimeToUtcMs } from "../../../src/lib/zone.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const NEW_YORK: FitbitParseOptions = { nowMs: NOW_MS, timeZone: "America/New_York" };

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/fitbit/${name}`, import.meta.url));
}

/** Streams the file in small chunks, so values are split across them, as an upload is read. */
async function parseBytes(fileName: string, buf: Buffer, opts: FitbitParseOptions = NEW_YORK): Promise<ParseEvent[]> {
  async function* chunks() {
    for (let i = 0; i < buf.length; i += 11) yield buf.subarray(i, i + 11);
  }
  const events: ParseEvent[] = [];
  for await (const event of parseFitbit(fileName, chunks(), opts)) events.push(event);
  return events;
}

function parse(fileName: string, json: unknown, opts: FitbitParseOptions = NEW_YORK): Promise<ParseEvent[]> {
  return parseBytes(fileName, Buffer.from(JSON.stringify(json)), opts);
}

function samples(events: ParseEvent[]): ParsedSample[] {
  return events.flatMap((event) => (event.kind === "sample" ? [event.sample] : []));
}

async function parseErrorOf(run: () => Promise<unknown>): Promise<ParseError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseFitbit on FitOut's resting heart rate files", () => {
  it("2024-02-29..2024-03-01 across both files round to [53, 54]", async () => {
    const opts = { nowMs: NOW_MS, timeZone: "Europe/London" };
    const all: ParsedSample[] = [];
    for (const name of ["resting_heart_rate-2023-03-02.json", "resting_heart_rate-2024-03-01.json"]) {
      all.push(...samples(await parseBytes(name, fixture(`fitout__${name}`), opts)));
    }
    expect(all).toHaveLength(4);
    const inRange = all.filter((s) => s.startMs >= Date.UTC(2024, 1, 29) && s.startMs <= Date.UTC(2024, 2, 1));
    expect(inRange.map((s) => Math.round(s.value))).toEqual([53, 54]);
    expect(inRange[0]).toMatchObject({ type: "resting_heart_rate", utcOffsetMin: null, endMs: Date.UTC(2024, 2, 1) });
  });

  it("places each day in the account's zone (local midnight, not UTC midnight)", async () => {
    const [first] = samples(await parseBytes("resting_heart_rate-2023-03-02.json", fixture("fitout__resting_heart_rate-2023-03-02.json"), NEW_YORK));
    expect(first?.startMs).toBe(Date.parse("2024-02-28T05:00:00Z"));
    expect(first?.value).toBe(52.26781177520752);
  });
});

describe("wall clock → UTC (DST-safe)", () => {
  it("resolves ordinary, skipped and repeated local times", async () => {
    expect(wallTimeToUtcMs(Date.UTC(2024, 6, 1, 12, 0), "America/New_York")).toBe(Date.parse("2024-07-01T16:00:00Z"));
    // 02:30 does not exist on 2024-03-10 in New York: it moves forward to 03:30 EDT.
    expect(wallTimeToUtcMs(Date.UTC(2024, 2, 10, 2, 30), "America/New_York")).toBe(Date.parse("2024-03-10T07:30:00Z"));
    // 01:30 happens twice on 2024-11-03: the earlier (EDT) instant is chosen.
    expect(wallTimeToUtcMs(Date.UTC(2024, 10, 3, 1, 30), "America/New_York")).toBe(Date.parse("2024-11-03T05:30:00Z"));
    expect(wallTimeToUtcMs(Date.UTC(2024, 0, 15, 9, 0), "Asia/Kolkata")).toBe(Date.parse("2024-01-15T03:30:00Z"));
    expect(utcOffsetMinAt(Date.parse("2024-07-01T00:00:00Z"), "Europe/Berlin")).toBe(120);
  });
});

describe("parseFitbit on synthetic Takeout files (shapes from docs/formats.md §13)", () => {
  it("heart_rate and steps: local times, steps per minute, zero minutes skipped", async () => {
    const hr = samples(await parse("heart_rate-2024-03-10.json", [{ dateTime: "03/10/24 08:15:05", value: { bpm: 69, confidence: 2 } }]));
    expect(hr).toEqual([expect.objectContaining({ type: "heart_rate", value: 69, startMs: Date.parse("2024-03-10T12:15:05Z"), utcOffsetMin: null })]);
    const steps = samples(
      await parse("steps-2024-03-10.json", [
        { dateTime: "03/10/24 08:15:00", value: "12" },
        { dateTime: "03/10/24 08:16:00", value: "0" },
      ]),
    );
    expect(steps.map((s) => [s.value, s.endMs - s.startMs])).toEqual([[12, 60_000]]);
  });

  it("weight: converted from the account's unit, fat as a second sample, scale source", async () => {
    const entry = { logId: 1, weight: 219.5, bmi: 33.28, fat: 31.2, date: "03/27/24", time: "07:20:00", source: "Aria" };
    const events = await parse("weight-2024-03-21.json", [entry], { ...NEW_YORK, weightUnit: "lb" });
    expect(samples(events).map((s) => [s.type, s.value, s.source.deviceType])).toEqual([
      ["body_mass", 219.5 * 0.45359237, "scale"],
      ["body_fat_percentage", 31.2, "scale"],
    ]);
    const unknownUnit = await parse("weight-2024-03-21.json", [entry]);
    expect(unknownUnit).toEqual([expect.objectContaining({ kind: "rejected", rejection: expect.objectContaining({ where: "[0]" }) })]);
  });

  it("exercise: workout from start time, duration in ms and distance unit", async () => {
    const entry = {
      logId: 58123,
      activityName: "Interval Workout",
      startTime: "03/29/24 18:03:52",
      duration: 1_536_000,
      activeDuration: 1_500_000,
      calories: 150,
      distance: 1.2,
      distanceUnit: "Mile",
      averageHeartRate: 140,
      logType: "auto_detected",
      source: { type: "tracker", name: "Charge 5" },
    };
    const [event] = await parse("exercise-2024-03-01.json", [entry]);
    expect(event).toEqual({
      kind: "workout",
      where: "[0]",
      workout: expect.objectContaining({
        externalId: "fitbit:58123",
        activityType: "hiit",
        startMs: Date.parse("2024-03-29T22:03:52Z"),
        endMs: Date.parse("2024-03-29T22:03:52Z") + 1_536_000,
        durationSec: 1500,
        activeEnergyKcal: 150,
        // Fitbit's activity calories are the whole burn over the activity, resting included.
        energyBasis: "gross",
        distanceM: 1.2 * 1609.344,
        source: { name: "Fitbit Charge 5", deviceType: "band", device: "Charge 5" },
        heartRate: [],
        // The tracker's own average is kept; it wrote no maximum and there are no points to compute one from.
        avgHrBpm: 140,
        maxHrBpm: null,
      }),
    });
  });

  it("rejects malformed entries by index and explains why calories are skipped", async () => {
    const events = await parse("heart_rate-2024-03-10.json", [
      { dateTime: "03/10/24 08:15:05", value: { bpm: 400 } },
      { dateTime: "2024-03-10T08:15:05", value: { bpm: 60 } },
      { nope: true },
    ]);
    expect(events.map((e) => (e.kind === "rejected" ? e.rejection.where : e.kind))).toEqual(["[0]", "[1]", "[2]"]);
    const calories = await parse("calories-2024-03-10.json", [{ dateTime: "03/10/24 08:15:00", value: "1.2" }]);
    expect(calories).toEqual([
      { kind: "rejected", rejection: { where: "file", reason: expect.stringContaining("total energy"), recordType: "calories" } },
    ]);
  });

  it("recognises Takeout file names and refuses anything else", async () => {
    expect(fitbitFileKind("Takeout/Fitbit/Global Export Data/steps-2024-03-01.json")).toBe("steps");
    expect(fitbitFileKind("sleep-2024-03-01.json")).toBe("sleep");
    expect(fitbitFileKind("sleep_score-2024-03-01.json")).toBeNull();
    expect((await parseErrorOf(() => parse("sleep_score-2024-03-01.json", []))).code).toBe("UNKNOWN_FORMAT");
    expect((await parseErrorOf(() => parse("steps-2024-03-01.json", { not: "an array" }))).code).toBe("JSON_INVALID");
    expect((await parseErrorOf(() => parseBytes("steps-2024-03-01.json", Buffer.from("[{")))).code).toBe("JSON_INVALID");
    await expect(parse("steps-2024-03-01.json", [], { nowMs: NOW_MS, timeZone: "Mars/Olympus" })).rejects.toThrow(RangeError);
  });
});
