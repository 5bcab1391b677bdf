import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAppleHealthXml } from "../../../src/formats/apple-health/parse-export-xml.js";
import type { ParsedSample, ParsedWorkout, ParseEvent, Rejection } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";

const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const NOW_MS = Date.UTC(2025, 0, 1);

async function parseFixture(relativePath: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseAppleHealthXml(createReadStream(FIXTURES_DIR + relativePath), { nowMs: NOW_MS })) {
    events.push(event);
  }
  return events;
}

async function parseErrorOf(relativePath: string): Promise<ParseError> {
  const error = await parseFixture(relativePath).then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof ParseError)) throw new Error(`expected a ParseError, got ${String(error)}`);
  return error;
}

const samplesOf = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));
const workoutsOf = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
const rejectionsOf = (events: ParseEvent[]): Rejection[] => events.flatMap((e) => (e.kind === "rejected" ? [e.rejection] : []));

describe.each([["apple-health/hk2sqlite__export.xml"], ["apple-health/hk2sqlite_zip_contents/apple_health_export/export.xml"]])(
  "healthkit-to-sqlite fixture %s",
  (fixture) => {
    it("yields the HeartRate record as 72 bpm at 2018-09-10 02:28:55 -0700 and counts what it skips", async () => {
      const events = await parseFixture(fixture);
      expect(samplesOf(events)).toEqual([
        {
          type: "heart_rate",
          startMs: Date.UTC(2018, 8, 10, 9, 28, 55),
          endMs: Date.UTC(2018, 8, 10, 9, 28, 55),
          utcOffsetMin: -420,
          value: 72,
          source: { name: "Apple Watch", deviceType: "watch", device: "Apple Watch (Watch2,4)" },
        },
      ]);
      expect(rejectionsOf(events)).toEqual([]);
      expect(events.map((e) => e.kind)).toEqual(["sample", "workout", "skipped", "skipped"]);
      // BodyMassIndex and the two ActivitySummary days are not read, and say so.
      expect(events.filter((e) => e.kind === "skipped")).toEqual([
        { kind: "skipped", recordType: "HKQuantityTypeIdentifierBodyMassIndex", count: 1 },
        { kind: "skipped", recordType: "ActivitySummary", count: 2 },
      ]);
    });

    it("yields the running workout with the origin project's duration, distance and energy", async () => {
      const [workout] = workoutsOf(await parseFixture(fixture));
      expect(workout).toBeDefined();
      if (workout === undefined) return;
      expect(workout.activityType).toBe("running");
      expect(workout.durationSec).toBeCloseTo(5.19412346680959 * 60, 9);
      expect(workout.provenance).toEqual({ durationSec: "device", activeEnergyKcal: "device", distanceM: "device", avgHrBpm: null, maxHrBpm: null });
      expect(workout.distanceM).toBeCloseTo(0.4971749504535062 * 1609.344, 9);
      expect(workout.distanceM).toBeCloseTo(800.1255, 3);
      expect(workout.activeEnergyKcal).toBeCloseTo(48.745, 9);
      expect(workout.startMs).toBe(Date.UTC(2016, 10, 14, 14, 25, 41));
      expect(workout.endMs).toBe(Date.UTC(2016, 10, 14, 14, 30, 52));
      expect(workout.utcOffsetMin).toBe(-420);
      expect(workout.externalId).toBeNull();
      expect(workout.source).toEqual({ name: "Apple Watch", deviceType: "watch", device: null });
      expect(workout.heartRate).toEqual([]);
      expect(workout.speedMps).toEqual([]);
      expect(workout.powerW).toEqual([]);
    });
  },
);

describe("hostile XML fixtures", () => {
  it("absurd-values.xml keeps the plausible record and rejects each absurd one with its line", async () => {
    const events = await parseFixture("hostile/absurd-values.xml");
    expect(samplesOf(events).map((s) => [s.type, s.value])).toEqual([["steps", 512]]);
    const rejections = rejectionsOf(events);
    expect(rejections.map((r) => [r.where, r.recordType])).toEqual([
      ["line 6", "HKQuantityTypeIdentifierStepCount"],
      ["line 7", "HKQuantityTypeIdentifierHeartRate"],
      ["line 8", "HKQuantityTypeIdentifierStepCount"],
      ["line 9", "HKQuantityTypeIdentifierActiveEnergyBurned"],
      ["line 10", "HKQuantityTypeIdentifierStepCount"],
    ]);
    const reasons = rejections.map((r) => r.reason);
    expect(reasons[0]).toMatch(/steps value -500 is outside/);
    expect(reasons[1]).toMatch(/heart_rate value 400 is outside/);
    expect(reasons[2]).toMatch(/future/);
    expect(reasons[3]).toMatch(/"NaN" is not a number/);
    expect(reasons[4]).toMatch(/end is before start/);
  });

  it.each([["hostile/billion-laughs.xml"], ["hostile/xxe-external-entity.xml"]])("%s fails fast with XML_ENTITY_FORBIDDEN", async (fixture) => {
    const startedMs = performance.now();
    const error = await parseErrorOf(fixture);
    expect(error.code).toBe("XML_ENTITY_FORBIDDEN");
    expect(error.message).toMatch(/entit/i);
    expect(performance.now() - startedMs).toBeLessThan(1000);
  });

  it("broken-dtd-ios16.xml (Apple's unclosed ATTLIST) imports both records", async () => {
    const events = await parseFixture("hostile/broken-dtd-ios16.xml");
    expect(samplesOf(events).map((s) => s.value)).toEqual([512, 1000]);
    expect(rejectionsOf(events)).toEqual([]);
  });

  it("vertical-tab.xml imports, with the \\x0b and U+00A0 in the source name turned into spaces", async () => {
    const samples = samplesOf(await parseFixture("hostile/vertical-tab.xml"));
    expect(samples.map((s) => [s.value, s.source.name])).toEqual([
      [512, "Test Watch"],
      [200, "Jane s Apple Watch"],
    ]);
  });

  it("deep-nesting.xml fails with XML_TOO_DEEP", async () => {
    const error = await parseErrorOf("hostile/deep-nesting.xml");
    expect(error.code).toBe("XML_TOO_DEEP");
  });

  it("garbage.xml fails with MALFORMED_XML naming the line", async () => {
    const error = await parseErrorOf("hostile/garbage.xml");
    expect(error.code).toBe("MALFORMED_XML");
    expect(error.message).toMatch(/line \d+/);
  });

  it("empty.bin fails with EMPTY_FILE", async () => {
    const error = await parseErrorOf("hostile/empty.bin");
    expect(error.code).toBe("EMPTY_FILE");
  });

  it("truncated.xml keeps the 29 complete records and ends with a partial event", async () => {
    const events = await parseFixture("hostile/truncated.xml");
    const samples = samplesOf(events);
    expect(samples).toHaveLength(29);
    expect(samples.filter((s) => s.type === "steps").map((s) => s.value)).toEqual([512]);
    expect(samples.filter((s) => s.type === "active_energy")).toHaveLength(28);
    expect(samples.at(-1)?.startMs).toBe(Date.UTC(2024, 2, 9, 20, 27, 0));
    const last = events.at(-1);
    expect(last?.kind).toBe("partial");
    expect(last?.kind === "partial" ? last.reason : "").toMatch(/truncated/);
    expect(events.filter((e) => e.kind === "partial")).toHaveLength(1);
  });
});
