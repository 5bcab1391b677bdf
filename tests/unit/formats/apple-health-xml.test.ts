import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AppleHealthParseOptions } from "../../../src/formats/apple-health/parse-export-xml.js";
import { parseAppleHealthXml } from "../../../src/formats/apple-health/parse-export-xml.js";
import type { ParsedSample, ParsedWorkout, ParseEvent, Rejection } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";

const NOW_MS = Date.UTC(2025, 0, 1);
const DATES = 'startDate="2024-03-09 08:00:00 -0800" endDate="2024-03-09 08:10:00 -0800"';

function doc(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n${body}\n</HealthData>\n`;
}

function record(type: string, unit: string, value: string, extra = ""): string {
  return `<Record type="HKQuantityTypeIdentifier${type}" sourceName="Test Watch" unit="${unit}" ${DATES} value="${value}" ${extra}/>`;
}

function chunked(bytes: Buffer, chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return chunks;
}

async function parse(xml: string, opts: Partial<AppleHealthParseOptions> = {}, chunkBytes = 64 * 1024): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  const input = Readable.from(chunked(Buffer.from(xml, "utf8"), chunkBytes));
  for await (const event of parseAppleHealthXml(input, { nowMs: NOW_MS, ...opts })) events.push(event);
  return events;
}

async function parseError(xml: string, chunkBytes?: number): Promise<ParseError> {
  const error = await parse(xml, {}, chunkBytes).then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof ParseError)) throw new Error(`expected a ParseError, got ${String(error)}`);
  return error;
}

const samplesOf = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));
const workoutsOf = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
const rejectionsOf = (events: ParseEvent[]): Rejection[] => events.flatMap((e) => (e.kind === "rejected" ? [e.rejection] : []));

describe("Apple Health records → samples", () => {
  it.each([
    ["ActiveEnergyBurned", "kJ", "418.4", "active_energy", 100],
    ["ActiveEnergyBurned", "kcal", "12.5", "active_energy", 12.5],
    ["BasalEnergyBurned", "Cal", "1.25", "basal_energy", 1.25],
    ["DietaryEnergyConsumed", "Cal", "250", "dietary_energy", 250],
    ["DietaryEnergyConsumed", "kJ", "2092", "dietary_energy", 500],
    ["BodyMass", "lb", "150", "body_mass", 68.0388555],
    ["BodyMass", "kg", "72.5", "body_mass", 72.5],
    ["BodyFatPercentage", "%", "0.253", "body_fat_percentage", 25.3],
    ["DistanceWalkingRunning", "mi", "1", "distance", 1609.344],
    ["DistanceWalkingRunning", "km", "2.5", "distance", 2500],
    ["DistanceWalkingRunning", "ft", "1000", "distance", 304.8],
    ["HeartRate", "count/min", "61", "heart_rate", 61],
    ["RestingHeartRate", "count/min", "55", "resting_heart_rate", 55],
    ["StepCount", "count", "1234", "steps", 1234],
  ])("%s %s %s → %s %d", async (hkType, unit, value, sampleType, expected) => {
    const [sample] = samplesOf(await parse(doc(record(hkType, unit, value))));
    expect(sample?.type).toBe(sampleType);
    expect(sample?.value).toBeCloseTo(expected, 6);
  });

  it("reads instants and offset from the string itself", async () => {
    const [sample] = samplesOf(await parse(doc(record("StepCount", "count", "10"))));
    expect(sample?.startMs).toBe(Date.UTC(2024, 2, 9, 16, 0, 0));
    expect(sample?.endMs).toBe(Date.UTC(2024, 2, 9, 16, 10, 0));
    expect(sample?.utcOffsetMin).toBe(-480);
  });

  it("rejects an unknown unit for a known type, naming the unit", async () => {
    const events = await parse(doc(record("DistanceWalkingRunning", "furlong", "3")));
    expect(samplesOf(events)).toEqual([]);
    expect(rejectionsOf(events)).toEqual([
      { where: "line 3", reason: 'unknown unit "furlong" for distance', recordType: "HKQuantityTypeIdentifierDistanceWalkingRunning" },
    ]);
  });

  it("reads a record without a unit (the DTD makes it optional) in its type's only unit, and rejects one that has several", async () => {
    const noUnit = (type: string, value: string) =>
      `<Record type="HKQuantityTypeIdentifier${type}" sourceName="Test Watch" ${DATES} value="${value}"/>`;
    const events = await parse(doc([noUnit("StepCount", "12"), noUnit("DistanceWalkingRunning", "3")].join("\n")));
    expect(samplesOf(events).map((s) => [s.type, s.value])).toEqual([["steps", 12]]);
    expect(rejectionsOf(events).map((r) => r.reason)).toEqual(['unknown unit "" for distance']);
  });

  it("counts the record types it does not read, and ignores Records nested in a Correlation", async () => {
    const correlation = `<Correlation type="HKCorrelationTypeIdentifierFood" sourceName="MyFitnessPal" ${DATES}>
      ${record("DietaryEnergyConsumed", "kcal", "999")}
    </Correlation>`;
    const body = [
      `<Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Test Watch" ${DATES}/>`,
      record("BodyMassIndex", "count", "22.5"),
      correlation,
      record("DietaryEnergyConsumed", "kcal", "999"),
    ].join("\n");
    const events = await parse(doc(body));
    expect(samplesOf(events).map((s) => [s.type, s.value])).toEqual([["dietary_energy", 999]]);
    expect(events.filter((e) => e.kind === "skipped")).toEqual([
      { kind: "skipped", recordType: "HKCategoryTypeIdentifierMindfulSession", count: 1 },
      { kind: "skipped", recordType: "HKQuantityTypeIdentifierBodyMassIndex", count: 1 },
      { kind: "skipped", recordType: "HKCorrelationTypeIdentifierFood", count: 1 },
    ]);
    expect(events).toHaveLength(4);
  });

  it("rejects impossible calendar dates and offset-less dates unless a default offset is given", async () => {
    const badDay =
      '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="X" unit="count" startDate="2024-02-30 08:00:00 -0800" endDate="2024-02-30 08:10:00 -0800" value="5"/>';
    const noOffset =
      '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="X" unit="count" startDate="2024-03-09 08:00:00" endDate="2024-03-09 08:10:00" value="5"/>';
    const strict = await parse(doc(`${badDay}\n${noOffset}`));
    expect(rejectionsOf(strict).map((r) => r.where)).toEqual(["line 3", "line 4"]);
    const lenient = samplesOf(await parse(doc(noOffset), { defaultUtcOffsetMin: 120 }));
    expect(lenient.map((s) => [s.startMs, s.utcOffsetMin])).toEqual([[Date.UTC(2024, 2, 9, 6, 0, 0), 120]]);
  });

  it("normalizes source names and devices, and marks user-entered records as manual", async () => {
    const device =
      'device="&lt;&lt;HKDevice: 0x283a6c0f0&gt;, name:Apple\u00a0Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch2,4, software:4.3.1&gt;"';
    const iphone =
      'device="&lt;&lt;HKDevice: 0x1c0a9b2e0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone10,6, software:12.1&gt;"';
    const body = [
      `<Record type="HKQuantityTypeIdentifierStepCount" sourceName=" Jane’s\u00a0Apple\u00a0Watch " ${device} unit="count" ${DATES} value="1"/>`,
      `<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Tom &amp; Jerry" ${iphone} unit="count" ${DATES} value="2"/>`,
      `<Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Health" unit="kg" ${DATES} value="70"><MetadataEntry key="HKWasUserEntered" value="1"/></Record>`,
      `<Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Withings" unit="kg" ${DATES} value="71"/>`,
    ].join("\n");
    const sources = samplesOf(await parse(doc(body))).map((s) => s.source);
    expect(sources).toEqual([
      { name: "Jane’s Apple Watch", deviceType: "watch", device: "Apple Watch (Watch2,4)" },
      { name: "Tom & Jerry", deviceType: "phone", device: "iPhone (iPhone10,6)" },
      { name: "Health", deviceType: "manual", device: null },
      { name: "Withings", deviceType: "scale", device: null },
    ]);
  });
});

describe("Apple Health workouts", () => {
  it("reads iOS 16+ WorkoutStatistics totals, the external id and a snake_case activity", async () => {
    const workout = `<Workout workoutActivityType="HKWorkoutActivityTypeHighIntensityIntervalTraining" duration="30" durationUnit="min" sourceName="Jane’s Apple Watch" startDate="2024-03-09 07:00:00 +0100" endDate="2024-03-09 07:30:00 +0100">
      <MetadataEntry key="HKExternalUUID" value="ABC-123"/>
      <MetadataEntry key="HKTimeZone" value="Europe/Paris"/>
      <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2024-03-09 07:00:00 +0100" endDate="2024-03-09 07:30:00 +0100" sum="1255.2" unit="kJ"/>
      <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2024-03-09 07:00:00 +0100" endDate="2024-03-09 07:30:00 +0100" sum="3.1" unit="km"/>
      <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2024-03-09 07:00:00 +0100" endDate="2024-03-09 07:30:00 +0100" average="150" minimum="90" maximum="182" unit="count/min"/>
    </Workout>`;
    const [parsed] = workoutsOf(await parse(doc(workout)));
    expect(parsed).toMatchObject({
      externalId: "ABC-123",
      activityType: "hiit",
      startMs: Date.UTC(2024, 2, 9, 6, 0, 0),
      endMs: Date.UTC(2024, 2, 9, 6, 30, 0),
      utcOffsetMin: 60,
      durationSec: 1800,
      distanceM: 3100,
      source: { name: "Jane’s Apple Watch", deviceType: "watch", device: null },
      heartRate: [],
      // The watch's own heart-rate statistics are the workout's average and maximum.
      avgHrBpm: 150,
      maxHrBpm: 182,
      provenance: { durationSec: "device", activeEnergyKcal: "device", distanceM: "device", avgHrBpm: "device", maxHrBpm: "device" },
    });
    expect(parsed?.activeEnergyKcal).toBeCloseTo(300, 9);
  });

  it("converts TraditionalStrengthTraining and falls back to wall-clock duration", async () => {
    const workout = `<Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" sourceName="Strong" ${DATES}/>`;
    const [parsed] = workoutsOf(await parse(doc(workout)));
    expect(parsed).toMatchObject({ activityType: "traditional_strength_training", durationSec: 600, activeEnergyKcal: null, distanceM: null });
    expect(parsed?.source.deviceType).toBe("app");
  });

  it("rejects a workout that ends before it starts", async () => {
    const workout =
      '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" sourceName="X" startDate="2024-03-09 08:10:00 -0800" endDate="2024-03-09 08:00:00 -0800"/>';
    const events = await parse(doc(workout));
    expect(rejectionsOf(events)).toEqual([
      { where: "line 3", reason: "The workout was not imported: its end is before its start.", recordType: "Workout" },
    ]);
  });
});

describe("Apple Health XML safety", () => {
  it("rejects an entity reference even without a DTD", async () => {
    const error = await parseError(doc(record("StepCount", "count", "&boom;")));
    expect(error.code).toBe("XML_ENTITY_FORBIDDEN");
    expect(error.message).toMatch(/line 3/);
  });

  it("rejects an attribute longer than 64 KiB", async () => {
    const error = await parseError(doc(record("StepCount", "count", "1", `sourceVersion="${"9".repeat(70_000)}"`)), 1024 * 1024);
    expect(error.code).toBe("XML_ATTRIBUTE_TOO_LONG");
    expect(error.message).toMatch(/"sourceVersion" at line 3 is 70000 characters/);
  });

  it("rejects a multi-megabyte run without any tag before saxes can buffer it", async () => {
    const error = await parseError(doc(record("StepCount", "count", "1", `sourceVersion="${"9".repeat(3 * 1024 * 1024)}"`)));
    expect(error.code).toBe("XML_ATTRIBUTE_TOO_LONG");
    expect(error.message).toMatch(/without a tag/);
  });

  it("reports malformed XML with its line", async () => {
    const error = await parseError(doc(`${record("StepCount", "count", "1")}\n<Record></Workout>`));
    expect(error.code).toBe("MALFORMED_XML");
    expect(error.message).toMatch(/line 4/);
  });

  it("refuses a document whose root is not HealthData", async () => {
    const error = await parseError('<?xml version="1.0"?><gpx version="1.1"></gpx>');
    expect(error.code).toBe("UNKNOWN_FORMAT");
  });

  it.each([
    ['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT'],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<HealthData loc'],
    ["   \n  "],
  ])("fails with MALFORMED_XML, not partial, when the root element never opened: %j", async (xml) => {
    const error = await parseError(xml);
    expect(error.code).toBe("MALFORMED_XML");
  });
});
