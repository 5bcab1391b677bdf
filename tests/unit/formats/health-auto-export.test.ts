import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { parseHealthAutoExportStream } from "../../../src/formats/health-auto-export/hae-stream.js";
import { parseHaeDate } from "../../../src/formats/health-auto-export/hae-values.js";
import { parseHealthAutoExport } from "../../../src/formats/health-auto-export/parse-hae.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const KJ_PER_KCAL = 4.184;

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/health-auto-export/${name}`, import.meta.url));
}

function fromPayload(payload: unknown): ParseEvent[] {
  return Array.from(parseHealthAutoExport(payload, { nowMs: NOW_MS }));
}

/** Streams a file the way an upload is read, in small chunks so values are split across them. */
async function fromFile(buf: Buffer, chunkBytes = 7): Promise<ParseEvent[]> {
  async function* chunks() {
    for (let i = 0; i < buf.length; i += chunkBytes) yield buf.subarray(i, i + chunkBytes);
  }
  const events: ParseEvent[] = [];
  for await (const event of parseHealthAutoExportStream(chunks(), { nowMs: NOW_MS })) events.push(event);
  return events;
}

async function parseErrorOfFile(buf: Buffer): Promise<ParseError> {
  try {
    await fromFile(buf);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseHealthAutoExportStream on apple-health-ingester's payloads", () => {
  it("metrics: active_energy in kJ → kcal at 2021-12-24 00:04/00:05 +0800; metrics without data add nothing", async () => {
    const events = await fromFile(fixture("irvinlim__marshal_test_unmarshal_metrics.json"));
    expect(events).toEqual([
      {
        kind: "sample",
        sample: {
          type: "active_energy",
          startMs: Date.parse("2021-12-23T16:04:00Z"),
          endMs: Date.parse("2021-12-23T16:04:00Z"),
          utcOffsetMin: 480,
          value: 0.76856774374845116 / KJ_PER_KCAL,
          source: { name: "Health Auto Export", deviceType: "app", device: null },
        },
      },
      expect.objectContaining({
        kind: "sample",
        sample: expect.objectContaining({ startMs: Date.parse("2021-12-23T16:05:00Z"), value: 0.377848256251549 / KJ_PER_KCAL }),
      }),
    ]);
  });

  it("workouts: Walking 08:02:43..08:21:53 +0800, HR 108 at 08:02:47, 226.21 kJ → kcal", async () => {
    const events = await fromFile(fixture("irvinlim__marshal_test_unmarshal_workouts.json"));
    expect(events).toEqual([
      {
        kind: "workout",
        where: "data.workouts[0]",
        workout: {
          externalId: null,
          activityType: "walking",
          startMs: Date.parse("2021-12-24T00:02:43Z"),
          endMs: Date.parse("2021-12-24T00:21:53Z"),
          utcOffsetMin: 480,
          durationSec: 1150,
          activeEnergyKcal: 226.21122641832523 / KJ_PER_KCAL,
          energyBasis: "net",
          distanceM: null,
          // No summary heart rate in this payload: the one reading fills both.
          avgHrBpm: 108,
          maxHrBpm: 108,
          provenance: { durationSec: "device", activeEnergyKcal: "device", distanceM: null, avgHrBpm: "samples", maxHrBpm: "samples" },
          source: { name: "Health Auto Export", deviceType: "app", device: null },
          heartRate: [{ tMs: Date.parse("2021-12-24T00:02:47Z"), bpm: 108 }],
          speedMps: [],
          powerW: [],
          pointsDropped: { heartRate: 0, speed: 0, power: 0 },
          sets: [],
        },
      },
    ]);
  });

  it("sleep_phases v6.6.2: the aggregated night's stage totals in hours become minutes over sleepStart..sleepEnd", async () => {
    const events = await fromFile(fixture("irvinlim__marshal_test_unmarshal_sleep_phases_v6.6.2.json"));
    const start = Date.parse("2023-01-31T00:23:47+08:00");
    const end = Date.parse("2023-01-31T08:39:12+08:00");
    const samples = events.map((e) =>
      e.kind === "sample" ? [e.sample.type, e.sample.value, e.sample.startMs, e.sample.endMs, e.sample.utcOffsetMin] : e.kind,
    );
    // "asleep": 0 is left out; core 3.3 h, deep 0.858 h, rem 1.258 h, awake 0.1167 h, inBed 8.145 h.
    expect(samples).toEqual([
      ["sleep_core", 3.2999999999999994 * 60, start, end, 480],
      ["sleep_deep", 0.85833333333333339 * 60, start, end, 480],
      ["sleep_rem", 1.2583333333333333 * 60, start, end, 480],
      ["sleep_awake", 0.11666666666666667 * 60, start, end, 480],
      ["sleep_in_bed", 8.1450109350019027 * 60, start, end, 480],
    ]);
  });
});

describe("parseHealthAutoExport on synthetic payloads (shapes from docs/formats.md §14)", () => {
  it("converts units and maps metric names to sample types", () => {
    const metric = (name: string, units: string, qty: number, extra: object = {}) => ({
      name,
      units,
      data: [{ date: "2024-03-01 07:00:00 +0100", qty, ...extra }],
    });
    const events = fromPayload({
      data: {
        metrics: [
          metric("step_count", "count", 120, { source: "Ana's iPhone" }),
          metric("basal_energy_burned", "kcal", 70.5),
          metric("dietary_energy", "kJ", 4184),
          metric("weight_body_mass", "lb", 150, { source: "Withings Body+" }),
          metric("body_fat_percentage", "%", 0.221),
          metric("walking_running_distance", "mi", 1),
          metric("resting_heart_rate", "count/min", 55, { source: "Irvin's iPhone|Irvin’s Apple Watch" }),
          { name: "heart_rate", units: "count/min", data: [{ date: "2024-03-01 07:00:00 +0100", Min: 60, Avg: 72.5, Max: 90 }] },
          metric("blood_oxygen_saturation", "%", 98),
        ],
      },
    });
    const samples = events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));
    expect(samples.map((s) => [s.type, s.value])).toEqual([
      ["steps", 120],
      ["basal_energy", 70.5],
      ["dietary_energy", 1000],
      ["body_mass", 150 * 0.45359237],
      ["body_fat_percentage", 22.1],
      ["distance", 1609.344],
      ["resting_heart_rate", 55],
      ["heart_rate", 72.5],
    ]);
    expect(samples[0]?.source).toEqual({ name: "Ana's iPhone", deviceType: "phone", device: null });
    expect(samples[3]?.source.deviceType).toBe("scale");
    expect(samples[6]?.source).toEqual({ name: "Irvin's iPhone|Irvin's Apple Watch", deviceType: "app", device: null });
    expect(samples.every((s) => s.startMs === Date.parse("2024-03-01T06:00:00Z") && s.utcOffsetMin === 60)).toBe(true);
  });

  it("rejects bad rows with index paths and keeps the good ones", () => {
    const events = fromPayload({
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: [
              { date: "2024-03-01 07:00:00 +0100", qty: 10 },
              { date: "yesterday", qty: 10 },
              { date: "2024-03-01 07:02:00 +0100", qty: "ten" },
              { date: "2024-03-01 07:03:00 +0100", qty: -5 },
            ],
          },
          { name: "active_energy", units: "furlongs", data: [{ date: "2024-03-01 07:00:00 +0100", qty: 1 }] },
          { units: "count" },
        ],
        workouts: [{ name: "Running" }],
      },
    });
    expect(events.filter((e) => e.kind === "sample")).toHaveLength(1);
    const where = events.flatMap((e) => (e.kind === "rejected" ? [e.rejection.where] : []));
    expect(where).toEqual([
      "data.metrics[0].data[1]",
      "data.metrics[0].data[2]",
      "data.metrics[0].data[3]",
      "data.metrics[1]",
      "data.metrics[2]",
      "data.workouts[0]",
    ]);
  });

  it("reads the v2 workout shape (id, duration, activeEnergyBurned, HR Min/Avg/Max, distance)", () => {
    const [event] = fromPayload({
      data: {
        workouts: [
          {
            id: "A1B2",
            name: "High Intensity Interval Training",
            start: "2024-09-21 7:57:00\u202fam +1000",
            end: "2024-09-21 8:27:00\u202fam +1000",
            duration: 1700,
            activeEnergyBurned: { qty: 310, units: "kcal" },
            distance: { qty: 2.5, units: "km" },
            heartRateData: [{ date: "2024-09-21 8:00:00 AM +1000", Min: 120, Avg: 150, Max: 171, units: "bpm" }],
          },
        ],
      },
    });
    expect(event).toEqual({
      kind: "workout",
      where: "data.workouts[0]",
      workout: expect.objectContaining({
        externalId: "hae:A1B2",
        activityType: "hiit",
        startMs: Date.parse("2024-09-20T21:57:00Z"),
        durationSec: 1700,
        activeEnergyKcal: 310,
        distanceM: 2500,
        heartRate: [{ tMs: Date.parse("2024-09-20T22:00:00Z"), bpm: 150 }],
      }),
    });
  });

  it("keeps the app's own heart-rate summary over the per-minute points, and drops a 0 bpm point", () => {
    const minute = (time: string, avg: number) => ({ date: `2024-09-21 ${time} +1000`, Min: avg, Avg: avg, Max: avg, units: "bpm" });
    const [event] = fromPayload({
      data: {
        workouts: [
          {
            name: "Outdoor Run",
            start: "2024-09-21 07:00:00 +1000",
            end: "2024-09-21 07:03:00 +1000",
            avgHeartRate: { qty: 131, units: "bpm" },
            heartRate: { max: { qty: 158, units: "bpm" } },
            heartRateData: [minute("07:00:00", 120), minute("07:01:00", 0), minute("07:02:00", 150)],
          },
        ],
      },
    });
    if (event?.kind !== "workout") throw new Error("expected a workout");
    expect(event.workout).toMatchObject({ avgHrBpm: 131, maxHrBpm: 158, pointsDropped: { heartRate: 1, speed: 0, power: 0 } });
    expect(event.workout.provenance).toMatchObject({ avgHrBpm: "device", maxHrBpm: "device" });
    expect(event.workout.heartRate.map((p) => p.bpm)).toEqual([120, 150]);
  });

  it("parses 24-hour, 12-hour (am/AM, U+202F) and rejects impossible dates", () => {
    expect(parseHaeDate("2021-12-24 00:04:00 +0800")).toEqual({ ms: Date.parse("2021-12-23T16:04:00Z"), utcOffsetMin: 480 });
    expect(parseHaeDate("2024-09-21 12:05:00 am -0330")?.ms).toBe(Date.parse("2024-09-21T03:35:00Z"));
    expect(parseHaeDate("2024-09-21 12:05:00\u202fPM +0000")?.ms).toBe(Date.parse("2024-09-21T12:05:00Z"));
    expect(parseHaeDate("2024-02-30 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2024-09-21 13:05:00 pm +0000")).toBeNull();
  });

  it("throws stable codes for non-HAE envelopes and unreadable files", async () => {
    expect(parseErrorOf(() => fromPayload({ metrics: [] })).code).toBe("JSON_INVALID");
    expect((await parseErrorOfFile(Buffer.from('{"data": '))).code).toBe("JSON_INVALID");
    expect((await parseErrorOfFile(Buffer.from('{"data": {"metrics": {}}}'))).code).toBe("JSON_INVALID");
    expect((await parseErrorOfFile(Buffer.from('[{"data": {"metrics": []}}]'))).code).toBe("JSON_INVALID");
    expect((await parseErrorOfFile(Buffer.alloc(0))).code).toBe("EMPTY_FILE");
  });
});

describe("parseHealthAutoExportStream reads what the in-memory parser reads", () => {
  const point = (minute: number, qty: unknown) => ({ date: `2024-03-01 07:${String(minute).padStart(2, "0")}:00 +0100`, qty });
  const payload = {
    data: {
      metrics: [
        { name: "step_count", units: "count", data: [point(0, 10), { date: "yesterday", qty: 10 }, point(2, "ten"), point(3, -5), point(4, 12)] },
        // Name and units after the points: legal JSON, held until the metric ends.
        { data: [point(0, 1.5), point(1, 2.5)], units: "kJ", name: "active_energy" },
        { name: "active_energy", units: "furlongs", data: [point(0, 1), point(1, 1)] },
        { name: "blood_oxygen_saturation", units: "%", data: [point(0, 98), point(1, 97), point(2, 99)] },
        { units: "count" },
        { name: "step_count", units: "count", data: "not a list" },
        {
          name: "sleep_analysis",
          units: "hr",
          data: [
            { startDate: "2024-03-01 01:00:00 +0100", endDate: "2024-03-01 02:30:00 +0100", value: "Core" },
            { sleepStart: "2024-03-01 23:00:00 +0100", sleepEnd: "2024-03-02 06:00:00 +0100", deep: 1.5, rem: 1, core: 4 },
          ],
        },
        {
          name: "heart_rate",
          units: "count/min",
          data: [{ date: "2024-03-01 07:00:00 +0100", Min: 60, Avg: 72.5, Max: 90 }, { date: "2024-03-01 07:01:00 +0100" }],
        },
      ],
      workouts: [
        { name: "Running" },
        {
          name: "Outdoor Run",
          start: "2024-03-01 06:00:00 +0100",
          end: "2024-03-01 06:30:00 +0100",
          activeEnergy: { qty: 300, units: "kcal" },
          heartRateData: [{ date: "2024-03-01 06:10:00 +0100", qty: 150 }],
        },
      ],
    },
    workouts: [{ name: "Walking", start: "2024-03-01 12:00:00 +0100", end: "2024-03-01 12:20:00 +0100" }],
  };

  it("every sample, rejection (with its index path), skip count and workout, in the same order, across chunk borders", async () => {
    const expected = fromPayload(payload);
    // The payload exercises each branch: 9 samples (2 steps, 2 active energy, 1 heart rate, a sleep segment and a
    // night of 3 stages), rejections, a skip count, 2 workouts.
    expect(expected.filter((e) => e.kind === "sample")).toHaveLength(9);
    expect(expected.filter((e) => e.kind === "workout")).toHaveLength(2);
    expect(expected).toContainEqual({ kind: "skipped", recordType: "blood_oxygen_saturation", count: 3 });
    const text = Buffer.from(`\uFEFF${JSON.stringify(payload, null, 1)}\n\n`);
    for (const chunkBytes of [1, 7, 4096]) expect(await fromFile(text, chunkBytes)).toEqual(expected);
  });

  it("each fixture file, as JSON.parse would read it", async () => {
    const names = ["metrics", "workouts", "sleep_phases_v6.6.2"].map((kind) => `irvinlim__marshal_test_unmarshal_${kind}.json`);
    for (const name of names) {
      const buf = fixture(name);
      expect(await fromFile(buf, 13)).toEqual(fromPayload(JSON.parse(buf.toString("utf8"))));
    }
  });

  it("refuses text after the document and a document cut short", async () => {
    expect((await parseErrorOfFile(Buffer.from('{"data": {"metrics": []}} {"data": 1}'))).code).toBe("JSON_INVALID");
    expect((await parseErrorOfFile(Buffer.from('{"data": {"metrics": [{"name": "step_count", "units": "count", "data": [{"da'))).code).toBe(
      "JSON_INVALID",
    );
  });
});
