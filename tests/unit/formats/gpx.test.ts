import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { XmlInput } from "../../../src/formats/common/xml-events.js";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { parseGpx } from "../../../src/formats/gpx/parse-gpx.js";

const NOW_MS = Date.UTC(2026, 0, 1);

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/gpx/${name}`, import.meta.url));
}

async function collect(input: XmlInput): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseGpx(input, { nowMs: NOW_MS })) events.push(event);
  return events;
}

async function onlyWorkout(name: string): Promise<ParsedWorkout> {
  const workouts = (await collect(fixture(name))).flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
  expect(workouts).toHaveLength(1);
  const [workout] = workouts;
  if (!workout) throw new Error("no workout");
  return workout;
}

const bpms = (workout: ParsedWorkout) => workout.heartRate.map((p) => p.bpm);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

describe("parseGpx against togeojson's snapshots", () => {
  it("run_gpxtpx.gpx: 42 gpxtpx:hr values 111..152, mean 135.74", async () => {
    const workout = await onlyWorkout("togeojson__run_gpxtpx.gpx");
    const hr = bpms(workout);
    expect(hr).toHaveLength(42);
    expect([Math.min(...hr), Math.max(...hr)]).toEqual([111, 152]);
    expect(mean(hr)).toBeCloseTo(135.74, 2);
    expect(workout.startMs).toBe(Date.parse("2015-01-19T21:24:20Z"));
    expect(workout.endMs).toBe(Date.parse("2015-01-19T21:25:01Z"));
    expect(workout.utcOffsetMin).toBeNull();
    expect(workout.source).toEqual({ name: "StravaGPX", deviceType: "app", device: null });
  });

  it("missing_hr.gpx: 9 of 16 points carry heart rate (104..131)", async () => {
    const workout = await onlyWorkout("togeojson__missing_hr.gpx");
    const hr = bpms(workout);
    expect(hr).toHaveLength(9);
    expect([Math.min(...hr), Math.max(...hr)]).toEqual([104, 131]);
    expect([workout.startMs, workout.endMs]).toEqual([Date.parse("2017-05-27T04:00:00Z"), Date.parse("2017-05-27T04:02:02Z")]);
  });

  it("strava.gpx: heart [117, 154, 160] and Strava's bare <power> 75", async () => {
    const workout = await onlyWorkout("togeojson__strava.gpx");
    expect(bpms(workout)).toEqual([117, 154, 160]);
    expect(workout.powerW).toEqual([{ tMs: Date.parse("2018-05-14T14:54:21Z"), value: 75 }]);
    expect(workout.endMs).toBe(Date.parse("2018-05-14T17:03:04Z"));
  });

  it("Friday-Evening-Run.gpx: 13 HR of 17 points in 3 segments; gaps between segments are pauses", async () => {
    const workout = await onlyWorkout("togeojson__Friday-Evening-Run.gpx");
    const hr = bpms(workout);
    expect(hr).toHaveLength(13);
    expect([Math.min(...hr), Math.max(...hr), Math.round(mean(hr))]).toEqual([121, 171, 150]);
    expect(workout.activityType).toBe("running");
    expect(workout.startMs).toBe(Date.parse("2025-05-02T15:51:15.692Z"));
    expect(workout.endMs).toBe(Date.parse("2025-05-02T16:34:05Z"));
    expect(workout.powerW).toHaveLength(17);
    expect(workout.durationSec).toBeLessThan((workout.endMs - workout.startMs) / 1000 / 10);
    expect(workout.source.deviceType).toBe("watch");
  });

  it("apple_watch_route.gpx: 44 points with speed, no heart rate", async () => {
    const workout = await onlyWorkout("togeojson__apple_watch_route.gpx");
    expect(workout.heartRate).toEqual([]);
    expect(workout.speedMps).toHaveLength(44);
    expect(workout.speedMps[0]).toEqual({ tMs: Date.parse("2019-12-15T20:19:55Z"), value: 1.310662 });
    expect([workout.startMs, workout.endMs]).toEqual([Date.parse("2019-12-15T20:19:55Z"), Date.parse("2019-12-15T20:20:38Z")]);
    expect(workout.distanceM).toBeGreaterThan(50);
    expect(workout.distanceM).toBeLessThan(90);
  });

  it("garmin_extensions.gpx: tracks without times are rejected with a reason, routes/waypoints counted as skipped", async () => {
    const events = await collect(fixture("togeojson__garmin_extensions.gpx"));
    expect(events.filter((e) => e.kind === "workout")).toHaveLength(0);
    expect(events.filter((e) => e.kind === "rejected")).toHaveLength(3);
    expect(events.filter((e) => e.kind === "skipped")).toEqual([
      { kind: "skipped", recordType: "wpt", count: 2 },
      { kind: "skipped", recordType: "rte", count: 2 },
    ]);
    expect(events[0]).toEqual({
      kind: "rejected",
      rejection: { where: 'track 1 ("track name")', reason: expect.stringContaining("<time>"), recordType: "trk" },
    });
  });
});

describe("parseGpx streaming and safety", () => {
  it("reads a byte stream like a buffer", async () => {
    const bytes = fixture("togeojson__run_gpxtpx.gpx");
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5));
    const streamed = (await collect(Readable.from(chunks))).flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
    expect(streamed).toEqual([await onlyWorkout("togeojson__run_gpxtpx.gpx")]);
  });

  it("refuses entities and non-GPX roots", async () => {
    const entity = `<!DOCTYPE gpx [<!ENTITY a "b">]><gpx><trk><name>&a;</name></trk></gpx>`;
    await expect(collect(Buffer.from(entity))).rejects.toMatchObject({ code: "XML_ENTITY_FORBIDDEN" });
    await expect(collect(Buffer.from("<TrainingCenterDatabase/>"))).rejects.toBeInstanceOf(ParseError);
    await expect(collect(Buffer.from("<TrainingCenterDatabase/>"))).rejects.toMatchObject({ code: "UNKNOWN_FORMAT" });
  });

  it("reads the ns3: prefix Garmin Connect uses for TrackPointExtension", async () => {
    const gpx = `<gpx creator="Garmin Connect" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
      <trk><type>cycling</type><trkseg>
        <trkpt lat="1" lon="1"><time>2024-05-01T10:00:00Z</time><extensions><ns3:TrackPointExtension><ns3:hr>140</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
        <trkpt lat="1" lon="1.001"><time>2024-05-01T10:00:05Z</time><extensions><ns3:TrackPointExtension><ns3:hr>400</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
      </trkseg></trk></gpx>`;
    const events = await collect(Buffer.from(gpx));
    const workout = events[0]?.kind === "workout" ? events[0].workout : null;
    expect(workout?.heartRate).toEqual([{ tMs: Date.parse("2024-05-01T10:00:00Z"), bpm: 140 }]);
    expect(workout?.activityType).toBe("cycling");
    // The 400 bpm reading is dropped and counted on the workout, which is kept.
    expect(workout?.pointsDropped).toEqual({ heartRate: 1, speed: 0, power: 0 });
    expect(events).toHaveLength(1);
    // Garmin Connect's GPX is the platform's copy of a device upload, ranked as an app source.
    expect(workout?.source).toEqual({ name: "Garmin Connect", deviceType: "app", device: null });
  });
});
