import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { XmlInput } from "../../../src/formats/common/xml-events.js";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { parseTcx } from "../../../src/formats/tcx/parse-tcx.js";

const NOW_MS = Date.UTC(2026, 0, 1);

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/tcx/${name}`, import.meta.url));
}

async function collect(input: XmlInput): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseTcx(input, { nowMs: NOW_MS })) events.push(event);
  return events;
}

async function onlyWorkout(input: XmlInput): Promise<ParsedWorkout> {
  const workouts = (await collect(input)).flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
  expect(workouts).toHaveLength(1);
  const [workout] = workouts;
  if (!workout) throw new Error("no workout");
  return workout;
}

async function parseErrorOf(input: XmlInput): Promise<ParseError> {
  try {
    await collect(input);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

const bpms = (workout: ParsedWorkout) => workout.heartRate.map((p) => p.bpm);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

describe("parseTcx against python-tcxparser's assertions (test.tcx)", () => {
  it("reads start, sport and the laps' totals, which win over the track", async () => {
    const workout = await onlyWorkout(fixture("pytcxparser__test.tcx"));
    expect(workout.activityType).toBe("running");
    expect(workout.startMs).toBe(Date.parse("2012-12-26T21:29:53Z"));
    expect(workout.utcOffsetMin).toBeNull();
    expect(workout.endMs).toBeGreaterThanOrEqual(Date.parse("2012-12-26T22:03:05Z"));
    expect(workout.durationSec).toBeCloseTo(1992.78, 2);
    expect(workout.activeEnergyKcal).toBe(379);
    // The three laps' DistanceMeters (what the watch summed) rather than the track's last point (4686.31).
    expect(workout.distanceM).toBeCloseTo(4689.24267578, 6);
    // Lap averages 139/172/167 bpm over 608.47/714.8/669.51 s, time-weighted; python-tcxparser's 156 is the
    // plain mean of the recorded points, which smart recording spaces unevenly.
    expect(workout.avgHrBpm).toBeCloseTo(160.244, 3);
    expect(workout.maxHrBpm).toBe(189);
    expect(workout.provenance).toEqual({
      durationSec: "device",
      activeEnergyKcal: "device",
      distanceM: "device",
      avgHrBpm: "device",
      maxHrBpm: "device",
    });
    expect(workout.source).toEqual({ name: "Forerunner 410", deviceType: "watch", device: "Forerunner 410" });
    expect(workout.externalId).toBe("tcx:2012-12-26T21:29:53Z");
  });

  it("reads heart rate: first/last 62/180, max/min 189/60, integer mean 156", async () => {
    const hr = bpms(await onlyWorkout(fixture("pytcxparser__test.tcx")));
    expect(hr).toHaveLength(383);
    expect([hr[0], hr.at(-1)]).toEqual([62, 180]);
    expect([Math.max(...hr), Math.min(...hr), Math.trunc(mean(hr))]).toEqual([189, 60, 156]);
  });

  it("has no heart rate in no_hr.tcx but keeps the workout", async () => {
    const workout = await onlyWorkout(fixture("pytcxparser__no_hr.tcx"));
    expect(workout.heartRate).toEqual([]);
    expect(workout.activeEnergyKcal).toBe(379);
  });
});

describe("parseTcx against togeojson's snapshots", () => {
  it("tour_hr.tcx: 465 HR values 115..156 (mean 133.82) and a +01:00 offset", async () => {
    const workout = await onlyWorkout(fixture("togeojson__tour_hr.tcx"));
    const hr = bpms(workout);
    expect(hr).toHaveLength(465);
    expect([Math.min(...hr), Math.max(...hr)]).toEqual([115, 156]);
    expect(mean(hr)).toBeCloseTo(133.82, 2);
    expect(workout.utcOffsetMin).toBe(60);
    expect(workout.startMs).toBe(Date.parse("2020-12-27T14:43:49Z"));
    expect(workout.heartRate[0]?.tMs).toBe(Date.parse("2020-12-27T14:59:36Z"));
    expect(workout.heartRate.at(-1)?.tMs).toBe(Date.parse("2020-12-27T15:07:19Z"));
    expect(workout.activityType).toBe("cycling");
    expect([workout.durationSec, workout.distanceM]).toEqual([2283, 6839.970000000001]);
    expect(workout.source.name).toBe("Fitbit Versa");
  });

  it("sample.tcx: lap totals 2325.02 s and 8348.5039063 m", async () => {
    const workout = await onlyWorkout(fixture("togeojson__sample.tcx"));
    expect(workout.durationSec).toBe(2325.02);
    expect(workout.distanceM).toBe(8348.5039063);
    expect(workout.activeEnergyKcal).toBe(285);
  });

  it("bad.tcx: a lap written twice counts once, heart [121, 122]", async () => {
    const workout = await onlyWorkout(fixture("togeojson__bad.tcx"));
    expect(bpms(workout)).toEqual([121, 122]);
    expect([workout.durationSec, workout.distanceM, workout.activeEnergyKcal]).toEqual([2283, 6839.970000000001, 221]);
    expect(workout.utcOffsetMin).toBe(60);
  });

  it("garmin_connect.tcx (ns3: extensions): no HR, speed and power streams", async () => {
    const workout = await onlyWorkout(fixture("togeojson__garmin_connect.tcx"));
    expect(workout.heartRate).toEqual([]);
    expect([workout.durationSec, workout.distanceM]).toEqual([4352, 1691.68]);
    expect(workout.speedMps.length).toBeGreaterThan(300);
    expect(workout.powerW.length).toBeGreaterThan(300);
  });
});

describe("parseTcx on files as exporters write them", () => {
  it("Strava's TCX export: ten spaces before the XML declaration are skipped, the workout is the same", async () => {
    const original = fixture("pytcxparser__test.tcx");
    const strava = Buffer.concat([Buffer.from(" ".repeat(10)), original]);
    expect((await parseErrorOf(new Uint8Array(Buffer.from(`x${original.toString("utf8")}`)))).code).toBe("MALFORMED_XML");
    expect(await onlyWorkout(strava)).toEqual(await onlyWorkout(original));
    // Split across chunks, with a byte order mark and a line break too.
    const chunked = Readable.from([Buffer.from("\ufeff  \n"), Buffer.from("   "), original]);
    expect(await onlyWorkout(chunked)).toEqual(await onlyWorkout(original));
  });
});

describe("parseTcx streaming and safety", () => {
  it("gives the same result from a byte stream cut into 3-byte chunks (UTF-8 split across chunks)", async () => {
    const bytes = fixture("pytcxparser__sup_activity_1.tcx");
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    const streamed = await onlyWorkout(Readable.from(chunks));
    expect(streamed).toEqual(await onlyWorkout(bytes));
    expect(streamed.source.name).toBe("vívoactive HR");
  });

  it("imports despite XML-illegal control bytes (sanitizer in front of saxes)", async () => {
    const withVerticalTab = fixture("togeojson__bad.tcx").toString("utf8").replace("<Name>Fitbit Versa", "<Name>Fitbit\u000bVersa");
    expect((await onlyWorkout(Buffer.from(withVerticalTab))).source.name).toBe("Fitbit Versa");
  });

  it("imports a truncated file up to the cut and reports it as partial", async () => {
    const bytes = fixture("pytcxparser__test.tcx");
    const events = await collect(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const workout = events.find((e) => e.kind === "workout");
    expect(workout?.kind === "workout" && workout.workout.heartRate.length).toBeGreaterThan(100);
    expect(events.at(-1)).toEqual({ kind: "partial", reason: expect.stringContaining("ends abruptly") });
  });

  it("refuses declared and undeclared entities, deep nesting, other roots and empty input", async () => {
    const root = "<TrainingCenterDatabase>";
    const declared = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${root}&e;</TrainingCenterDatabase>`;
    expect((await parseErrorOf(Buffer.from(declared))).code).toBe("XML_ENTITY_FORBIDDEN");
    const external = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${root}<Id>&e;</Id></TrainingCenterDatabase>`;
    expect((await parseErrorOf(Buffer.from(external))).code).toBe("XML_ENTITY_FORBIDDEN");
    expect((await parseErrorOf(Buffer.from(`${root}<Id>&nope;</Id></TrainingCenterDatabase>`))).code).toBe("XML_ENTITY_FORBIDDEN");
    expect((await parseErrorOf(Buffer.from(`${root}${"<a>".repeat(100)}`))).code).toBe("XML_TOO_DEEP");
    expect((await parseErrorOf(Buffer.from(`${root}<Id a="${"x".repeat(70_000)}"/>`))).code).toBe("XML_ATTRIBUTE_TOO_LONG");
    expect((await parseErrorOf(Buffer.from("<gpx></gpx>"))).code).toBe("UNKNOWN_FORMAT");
    expect((await parseErrorOf(Buffer.alloc(0))).code).toBe("EMPTY_FILE");
    expect((await parseErrorOf(Buffer.from("not xml at all"))).code).toBe("MALFORMED_XML");
  });

  it("keeps the five built-in entities", async () => {
    const xml = `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2024-01-01T10:00:00Z</Id>
      <Lap StartTime="2024-01-01T10:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds></Lap>
      <Creator><Name>A &amp; B &lt;&gt; &quot;&apos;</Name></Creator></Activity></Activities></TrainingCenterDatabase>`;
    expect((await onlyWorkout(Buffer.from(xml))).source.name).toBe(`A & B <> "'`);
  });

  it("counts the courses and workout plans of a file that has no activity", async () => {
    const xml = "<TrainingCenterDatabase><Courses><Course/><Course/></Courses><Workouts><Workout/></Workouts></TrainingCenterDatabase>";
    expect(await collect(Buffer.from(xml))).toEqual([
      { kind: "skipped", recordType: "Course", count: 2 },
      { kind: "skipped", recordType: "Workout", count: 1 },
    ]);
  });
});
