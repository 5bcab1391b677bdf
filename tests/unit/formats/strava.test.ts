import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { listZipEntryNames } from "../../../src/formats/common/zip.js";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseStravaActivitiesCsv, parseStravaZip } from "../../../src/formats/strava/parse-strava.js";
import { parseStravaDate, stravaActivityType } from "../../../src/formats/strava/strava-csv.js";
import { buildZip } from "../../helpers/zip-writer.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const NOW_MS = Date.UTC(2026, 0, 1);
const CSV = readFileSync(`${FIXTURES}strava/synthetic__activities.csv`);
const dir = mkdtempSync(join(tmpdir(), "strava-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Strava export as Strava lays it out: activities.csv at the root, originals in activities/ (row 1004's is missing). */
function stravaExport(prefix = ""): string {
  const path = join(dir, `export-${prefix.replace(/\W/g, "") || "root"}.zip`);
  writeFileSync(
    path,
    buildZip([
      { name: `${prefix}activities.csv`, data: CSV },
      { name: `${prefix}activities/1001.fit.gz`, data: gzipSync(readFileSync(`${FIXTURES}fit/pyfitparse__garmin-fenix-5-run.fit`)) },
      { name: `${prefix}activities/1002.gpx`, data: readFileSync(`${FIXTURES}gpx/togeojson__run_gpxtpx.gpx`) },
      { name: `${prefix}profile.csv`, data: "Athlete ID,Email Address\n1,someone@example.org\n" },
    ]),
  );
  return path;
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function workouts(events: ParseEvent[]): ParsedWorkout[] {
  return events.flatMap((event) => (event.kind === "workout" ? [event.workout] : []));
}

describe("Strava activities.csv cells", () => {
  it("reads Activity Date as UTC in both layouts Strava has written", () => {
    expect(parseStravaDate("May 6, 2024, 4:02:34 AM")).toBe(Date.UTC(2024, 4, 6, 4, 2, 34));
    expect(parseStravaDate("Oct 6, 2022, 11:19:20 PM")).toBe(Date.UTC(2022, 9, 6, 23, 19, 20));
    expect(parseStravaDate("Jan 1, 2024, 12:05:00 AM")).toBe(Date.UTC(2024, 0, 1, 0, 5, 0));
    expect(parseStravaDate("Jan 1, 2024, 12:05:00 PM")).toBe(Date.UTC(2024, 0, 1, 12, 5, 0));
    expect(parseStravaDate("2018-07-07 17:04:11")).toBe(Date.UTC(2018, 6, 7, 17, 4, 11));
    expect(parseStravaDate("7 mai 2024, 04:02:34")).toBeNull();
  });

  it("maps Strava's activity types to the service's vocabulary", () => {
    expect(stravaActivityType("Run")).toBe("running");
    expect(stravaActivityType("Weight Training")).toBe("strength_training");
    expect(stravaActivityType("Swim")).toBe("swimming");
    expect(stravaActivityType("Virtual Ride")).toBe("virtual_cycling");
    expect(stravaActivityType("Stand Up Paddling")).toBe("stand_up_paddling");
  });
});

describe("Strava bulk export zip", () => {
  it("is detected from its entries, at the root or inside the export's folder", async () => {
    for (const prefix of ["", "export_12345/"]) {
      const path = stravaExport(prefix);
      const zipEntryNames = await listZipEntryNames(path);
      expect(detectFormat(readFileSync(path).subarray(0, 4), { zipEntryNames })).toBe("strava_zip");
    }
  });

  it("reads the originals (authoritative) and makes workouts of the rows whose original is missing", async () => {
    const events = await collect(parseStravaZip(stravaExport("export_12345/"), { nowMs: NOW_MS, onBytes: () => undefined }));
    const found = workouts(events);
    expect(found.map((w) => w.activityType)).toEqual(["running", "running", "strength_training", "cycling"]);
    const [fit, gpx, gym, ride] = found;
    // The FIT original, not the CSV row: the watch's 157.56 m, 5 kcal and 21 heart-rate records (the row says 999 kcal).
    expect(fit?.source.name).toBe("Garmin Fenix 5");
    expect(fit?.distanceM).toBeCloseTo(157.56, 2);
    expect(fit?.activeEnergyKcal).toBe(5);
    expect(fit?.heartRate).toHaveLength(21);
    expect(fit?.startMs).toBe(Date.UTC(2017, 5, 11, 14, 34, 9));
    // The GPX original (Strava's own GPX writer): 42 heart-rate points, 111..152 bpm.
    expect(gpx?.source.name).toBe("StravaGPX");
    expect(gpx?.heartRate).toHaveLength(42);
    expect(gpx?.maxHrBpm).toBe(152);
    // A manual entry (no file): Strava's moving time, calories and heart rate.
    expect(gym).toMatchObject({
      externalId: "strava:1003",
      startMs: Date.UTC(2024, 2, 3, 18, 15, 0),
      endMs: Date.UTC(2024, 2, 3, 19, 15, 0),
      durationSec: 3300,
      activeEnergyKcal: 250,
      distanceM: null,
      avgHrBpm: 112.4,
      maxHrBpm: 150,
      source: { name: "Strava" },
    });
    // The original is missing: the row's SI distance (25104.3 m, not the display 25.10 km).
    expect(ride).toMatchObject({ externalId: "strava:1004", distanceM: 25104.3, activeEnergyKcal: 610, durationSec: 3600, maxHrBpm: 171 });
    const rejected = events.flatMap((event) => (event.kind === "rejected" ? [event.rejection] : []));
    expect(rejected).toEqual([expect.objectContaining({ where: "line 6", recordType: "workout" })]);
  });

  it("fails with a readable reason when activities.csv is not Strava's", async () => {
    const path = join(dir, "not-strava.zip");
    writeFileSync(path, buildZip([{ name: "activities.csv", data: "id,date\n1,2024-01-01\n" }]));
    await expect(collect(parseStravaZip(path, { nowMs: NOW_MS, onBytes: () => undefined }))).rejects.toMatchObject({ code: "CSV_INVALID" });
  });

  it("a damaged original costs that file, and its row becomes the workout", async () => {
    const path = join(dir, "damaged.zip");
    writeFileSync(
      path,
      buildZip([
        { name: "activities.csv", data: CSV },
        { name: "activities/1001.fit.gz", data: Buffer.from("not gzip at all, just text") },
      ]),
    );
    const events = await collect(parseStravaZip(path, { nowMs: NOW_MS, onBytes: () => undefined }));
    const rejected = events.flatMap((event) => (event.kind === "rejected" ? [event.rejection] : []));
    expect(rejected[0]).toMatchObject({ where: "activities/1001.fit.gz", recordType: "file" });
    expect(rejected[0]?.reason).toMatch(/not a readable gzip file/);
    expect(workouts(events).find((w) => w.externalId === "strava:1001")).toMatchObject({ distanceM: 157.56, activeEnergyKcal: 999 });
  });
});

describe("Strava activities.csv on its own", () => {
  it("is detected from its header and imports every row as a workout", async () => {
    expect(detectFormat(CSV)).toBe("strava_activities_csv");
    const events = await collect(parseStravaActivitiesCsv(Readable.from([CSV]), NOW_MS));
    const found = workouts(events);
    expect(found.map((w) => w.externalId)).toEqual(["strava:1001", "strava:1002", "strava:1003", "strava:1004"]);
    expect(found[0]).toMatchObject({ activityType: "running", durationSec: 57, distanceM: 157.56, avgHrBpm: 94, maxHrBpm: 114 });
  });
});
