import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ParsedSample, ParsedWorkout, ParseEvent, Rejection } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { parseFitbitTakeoutZip } from "../../../src/formats/fitbit/parse-fitbit-takeout.js";
import { parseGoogleFitTakeoutZip } from "../../../src/formats/google-fit/parse-google-fit-takeout.js";
import type { ZipInput } from "../../helpers/zip-writer.js";
import { buildZip } from "../../helpers/zip-writer.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const NEW_YORK = { nowMs: NOW_MS, timeZone: "America/New_York" };
const FIT = "Takeout/Fit";
const FITBIT = "Takeout/Fitbit/Global Export Data";

const tempDir = mkdtempSync(join(tmpdir(), "wearsync-takeout-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let zipCounter = 0;
function writeZip(entries: ZipInput[]): string {
  zipCounter += 1;
  const path = join(tempDir, `takeout-${zipCounter}.zip`);
  writeFileSync(path, buildZip(entries));
  return path;
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const all: ParseEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function parseErrorOf(run: () => Promise<unknown>): Promise<ParseError> {
  const error = await run().then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof ParseError)) throw new Error(`expected a ParseError, got ${String(error)}`);
  return error;
}

const samplesOf = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));
const workoutsOf = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
const rejectionsOf = (events: ParseEvent[]): Rejection[] => events.flatMap((e) => (e.kind === "rejected" ? [e.rejection] : []));

const WINDOW_HEADER = "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Average heart rate (bpm),Step count,Average weight (kg)";
const DST_DAY_CSV = [
  WINDOW_HEADER,
  "01:45:00.000-05:00,03:00:00.000-04:00,1,25.1,80.5,90,120,",
  "03:00:00.000-04:00,03:15:00.000-04:00,0,20.3,,,80,81.2",
].join("\n");
const SUMMARY_CSV = [
  "Date,Move Minutes count,Calories (kcal),Distance (m),Average heart rate (bpm),Step count,Average weight (kg)",
  "2024-03-09,40,2301.7,4100,71,6000,81.0",
  "2024-03-10,1,2210.5,80.5,90,200,81.2",
].join("\n");

function allDataFile(dataSource: string, points: object[]): string {
  return JSON.stringify({ "Data Source": dataSource, "Data Points": points });
}
const hrPoint = (bpm: number, nanos: string): object => ({
  fitValue: [{ value: { fpVal: bpm } }],
  startTimeNanos: nanos,
  endTimeNanos: nanos,
  dataTypeName: "com.google.heart_rate.bpm",
  originDataSourceId: "raw:com.google.heart_rate.bpm:com.mobvoi.wear.fitness:Mobvoi:TicWatch Pro 3:a1b2:heart_rate",
});
const MERGED_HR = `${FIT}/All Data/derived_com.google.heart_rate.bpm_com.go.json`;
const MERGED_HR_JSON = allDataFile("derived:com.google.heart_rate.bpm:com.google.android.gms:merge_heart_rate_bpm", [
  hrPoint(96, "1710053100000000000"),
  hrPoint(999, "1710053160000000000"),
]);
const GOOGLE_FIT_TCX = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities><Activity Sport="Running"><Id>2024-03-10T12:00:00.000Z</Id>
    <Lap StartTime="2024-03-10T12:00:00.000Z"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>1500</DistanceMeters><Calories>120</Calories>
      <Track>
        <Trackpoint><Time>2024-03-10T12:00:00.000Z</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
        <Trackpoint><Time>2024-03-10T12:10:00.000Z</Time><DistanceMeters>1500</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>
      </Track>
    </Lap>
  </Activity></Activities>
</TrainingCenterDatabase>`;

function googleFitEntries(): ZipInput[] {
  const stepStream = allDataFile("derived:com.google.step_count.delta:com.google.android.gms:merge_step_deltas", [
    { fitValue: [{ value: { intVal: 5000 } }], startTimeNanos: "1710053100000000000", endTimeNanos: "1710053400000000000" },
  ]);
  const innerZip = buildZip([
    { name: `${FIT}/Daily activity metrics/2024-01-15.csv`, data: `${WINDOW_HEADER}\n10:00:00.000-05:00,10:15:00.000-05:00,1,20,10,,999,` },
  ]);
  return [
    { name: "Takeout/archive_browser.html", data: "<html></html>" },
    { name: `${FIT}/Daily activity metrics/`, data: "" },
    { name: `${FIT}/Daily activity metrics/2024-03-10.csv`, data: DST_DAY_CSV },
    { name: `${FIT}/Daily activity metrics/Daily activity metrics.csv`, data: SUMMARY_CSV },
    { name: MERGED_HR, data: MERGED_HR_JSON },
    {
      name: `${FIT}/All Data/raw_com.google.heart_rate.bpm_com.mobvoi.json`,
      data: allDataFile("raw:com.google.heart_rate.bpm:com.mobvoi.wear.fitness:Mobvoi:TicWatch Pro 3:a1b2:heart_rate", [
        hrPoint(97, "1710053100000000000"),
      ]),
    },
    {
      name: `${FIT}/All Data/derived_com.google.heart_rate.bpm_com.go(1).json`,
      data: allDataFile("derived:com.google.heart_rate.bpm:com.mobvoi.wear.fitness:wear_hr", [hrPoint(98, "1710053100000000000")]),
    },
    { name: `${FIT}/All Data/derived_com.google.step_count.delta_com.google.and.json`, data: stepStream },
    {
      name: `${FIT}/All Data/derived_com.google.calories.expended_com.json`,
      data: allDataFile("derived:com.google.calories.expended:com.google.android.gms:merge_calories_expended", [
        { fitValue: [{ value: { fpVal: 1.3 } }], startTimeNanos: "1710053100000000000", endTimeNanos: "1710053160000000000" },
      ]),
    },
    { name: `${FIT}/Activities/2024-03-10T08_00_00-04_00_PT10M_Running.tcx`, data: GOOGLE_FIT_TCX },
    { name: `${FIT}/Activities/2024-01-02T08_00_00-05_00_PT10M_Running.tcx.gz`, data: "not really gzip" },
    {
      // The TCX's own session: left to the TCX.
      name: `${FIT}/All Sessions/2024-03-10T08_00_00.000-04_00_RUNNING.json`,
      data: JSON.stringify({
        fitnessActivity: "running",
        startTime: "2024-03-10T12:00:00.000Z",
        endTime: "2024-03-10T12:10:00.000Z",
        duration: "600s",
      }),
    },
    {
      name: `${FIT}/All Sessions/2024-03-09T17_30_00.000-05_00_WALKING.json`,
      data: JSON.stringify({
        fitnessActivity: "walking",
        startTime: "2024-03-09T17:30:00.000-05:00",
        endTime: "2024-03-09T18:05:00.000-05:00",
        duration: "2100s",
        aggregate: [
          { metricName: "com.google.calories.expended", floatValue: 151.5 },
          { metricName: "com.google.distance.delta", floatValue: 2810.4 },
          { metricName: "com.google.weight.summary", floatValue: 81.3 },
        ],
      }),
    },
    { name: `${FIT}/nested.zip`, data: innerZip },
  ];
}

describe("parseGoogleFitTakeoutZip", () => {
  it("reads one non-duplicating set: steps/distance from the CSVs, HR from the merged stream, workouts from TCX", async () => {
    const events = await collect(parseGoogleFitTakeoutZip(writeZip(googleFitEntries()), NEW_YORK));
    const samples = samplesOf(events);
    const steps = samples.filter((s) => s.type === "steps");
    // 2024-03-10 from its 15-minute file (120 + 80) and the summary rows of both days (day assembly counts the
    // detail where it exists; the summary row vouches for the day's coverage). The step stream's 5000 and the
    // nested zip's 999 are never read.
    expect(steps.map((s) => s.value)).toEqual([120, 80, 6000, 200]);
    expect(steps[0]).toMatchObject({ startMs: Date.parse("2024-03-10T06:45:00Z"), endMs: Date.parse("2024-03-10T07:00:00Z"), utcOffsetMin: -300 });
    expect(steps[2]).toMatchObject({ startMs: Date.parse("2024-03-09T05:00:00Z"), endMs: Date.parse("2024-03-10T05:00:00Z") });
    expect(samples.filter((s) => s.type === "distance").map((s) => s.value)).toEqual([80.5, 4100, 80.5]);
    // Only the merged stream's reading: the raw and per-app copies of the same instant are skipped.
    expect(samples.filter((s) => s.type === "heart_rate").map((s) => [s.value, s.startMs, s.source.deviceType])).toEqual([
      [96, 1710053100000, "watch"],
    ]);
    expect(samples.some((s) => s.type === "active_energy")).toBe(false);
    // The weight Fit wrote into the walk's session, at the session's start and offset.
    expect(samples.filter((s) => s.type === "body_mass").map((s) => [s.value, s.startMs, s.utcOffsetMin])).toEqual([
      [81.3, Date.parse("2024-03-09T22:30:00Z"), -300],
    ]);
    expect(workoutsOf(events)).toEqual([
      expect.objectContaining({ activityType: "running", distanceM: 1500, source: { name: "Google Fit", deviceType: "phone", device: null } }),
      expect.objectContaining({ activityType: "walking", distanceM: 2810.4, activeEnergyKcal: 151.5, durationSec: 2100, utcOffsetMin: -300 }),
    ]);
    expect(events).toContainEqual({ kind: "skipped", recordType: "google_fit_session_with_tcx", count: 1 });
    expect(rejectionsOf(events).map((r) => [r.where, r.recordType])).toEqual([
      [`${MERGED_HR}: data point 2`, "heart_rate"],
      [`${FIT}/All Data/derived_com.google.calories.expended_com.json`, "calories"],
    ]);
  });

  it("a damaged or hostile entry is one rejection naming it; the other entries still import", async () => {
    const path = writeZip([
      { name: MERGED_HR, data: '{"Data Source": "derived:com.google.heart_rate.bpm:com.google.android.gms:merge_heart_rate_bpm", "Data Poi' },
      { name: `${FIT}/Activities/hostile.tcx`, data: readFileSync(new URL("../../fixtures/hostile/billion-laughs.xml", import.meta.url)) },
      { name: `${FIT}/Daily activity metrics/2024-03-10.csv`, data: DST_DAY_CSV },
    ]);
    const events = await collect(parseGoogleFitTakeoutZip(path, NEW_YORK));
    expect(rejectionsOf(events).map((r) => [r.where, r.recordType])).toEqual([
      [MERGED_HR, "file"],
      [`${FIT}/Activities/hostile.tcx`, "file"],
    ]);
    expect(rejectionsOf(events)[0]?.reason).toMatch(/not valid JSON/);
    expect(samplesOf(events).filter((s) => s.type === "steps")).toHaveLength(2);
  });

  it("a zip without Google Fit files is ZIP_NO_EXPORT, even when a nested zip holds some", async () => {
    const inner = buildZip([{ name: `${FIT}/Daily activity metrics/2024-03-10.csv`, data: DST_DAY_CSV }]);
    const path = writeZip([
      { name: "Takeout/Mail/All mail.mbox", data: "From x" },
      { name: `${FIT}/takeout-part-2.zip`, data: inner },
    ]);
    const error = await parseErrorOf(() => collect(parseGoogleFitTakeoutZip(path, NEW_YORK)));
    expect(error.code).toBe("ZIP_NO_EXPORT");
    expect(error.message).toMatch(/Google Fit/);
  });
});

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/fitbit/${name}`, import.meta.url));
}

describe("parseFitbitTakeoutZip", () => {
  it("reads FitOut's real resting-HR files inside a Takeout layout: 2024-02-29..03-01 round to [53, 54]", async () => {
    const path = writeZip([
      { name: "Takeout/archive_browser.html", data: "<html></html>" },
      { name: `${FITBIT}/resting_heart_rate-2023-03-02.json`, data: fixture("fitout__resting_heart_rate-2023-03-02.json") },
      { name: "Takeout/Fitbit/Sleep/sleep_score.csv", data: "sleep_log_entry_id,timestamp,overall_score\n1,2024-03-01T07:00:00Z,80" },
      { name: `${FITBIT}/resting_heart_rate-2024-03-01.json`, data: fixture("fitout__resting_heart_rate-2024-03-01.json") },
      { name: `${FITBIT}/nested/steps-2024-03-01.json`, data: JSON.stringify([{ dateTime: "03/01/24 08:00:00", value: "40" }]) },
    ]);
    const events = await collect(parseFitbitTakeoutZip(path, { nowMs: NOW_MS, timeZone: "Europe/London" }));
    expect(rejectionsOf(events)).toEqual([]);
    const samples = samplesOf(events);
    expect(samples).toHaveLength(4);
    expect(samples.every((s) => s.type === "resting_heart_rate")).toBe(true);
    const inRange = samples.filter((s) => s.startMs >= Date.UTC(2024, 1, 29) && s.startMs <= Date.UTC(2024, 2, 1));
    expect(inRange.map((s) => Math.round(s.value))).toEqual([53, 54]);
  });

  it("old MyFitbitData layout, weight in the account's unit; rejections name the entry and index", async () => {
    const dir = "MyFitbitData/JaneDoe";
    const path = writeZip([
      {
        name: `${dir}/Physical Activity/heart_rate-2024-03-01.json`,
        data: JSON.stringify([
          { dateTime: "03/01/24 08:00:00", value: { bpm: 69, confidence: 2 } },
          { dateTime: "03/01/24 08:00:05", value: { bpm: 400, confidence: 2 } },
        ]),
      },
      {
        name: `${dir}/Personal & Account/weight-2024-03-21.json`,
        data: JSON.stringify([{ logId: 1, weight: 219.5, bmi: 33.28, date: "03/27/24", time: "07:20:00", source: "Aria" }]),
      },
      { name: `${dir}/Physical Activity/calories-2024-03-01.json`, data: JSON.stringify([{ dateTime: "03/01/24 00:00:00", value: "1.2" }]) },
      { name: `${dir}/Physical Activity/exercise-0.json.gz`, data: "x" },
    ]);
    const events = await collect(parseFitbitTakeoutZip(path, { ...NEW_YORK, weightUnit: "lb" }));
    expect(samplesOf(events).map((s) => [s.type, Math.round(s.value * 100) / 100])).toEqual([
      ["heart_rate", 69],
      ["body_mass", 99.56],
    ]);
    expect(rejectionsOf(events).map((r) => [r.where, r.recordType])).toEqual([
      [`${dir}/Physical Activity/heart_rate-2024-03-01.json: [1]`, "heart_rate"],
      [`${dir}/Physical Activity/calories-2024-03-01.json`, "calories"],
    ]);
  });

  it("sleep logs in both layouts: Global Export Data and MyFitbitData's Sleep folder", async () => {
    const sleep = fixture("synthetic__sleep-2024-03-18.json");
    for (const name of [`${FITBIT}/sleep-2024-03-18.json`, "MyFitbitData/JaneDoe/Sleep/sleep-2024-03-18.json"]) {
      const events = await collect(parseFitbitTakeoutZip(writeZip([{ name, data: sleep }]), NEW_YORK));
      // 11 stage segments + 4 short wakes of the night, 4 segments of the nap; the log without endTime is rejected.
      expect(samplesOf(events).filter((s) => s.type.startsWith("sleep_"))).toHaveLength(19);
      expect(rejectionsOf(events).map((r) => r.where)).toEqual([`${name}: [2]`]);
    }
  });

  it("a damaged entry is one rejection; a zip with no Fitbit metric files is ZIP_NO_EXPORT", async () => {
    const damaged = writeZip([
      { name: `${FITBIT}/steps-2024-03-01.json`, data: '[{"dateTime": ' },
      { name: `${FITBIT}/resting_heart_rate-2024-03-01.json`, data: fixture("fitout__resting_heart_rate-2024-03-01.json") },
    ]);
    const events = await collect(parseFitbitTakeoutZip(damaged, NEW_YORK));
    expect(rejectionsOf(events)).toEqual([expect.objectContaining({ where: `${FITBIT}/steps-2024-03-01.json`, recordType: "file" })]);
    expect(samplesOf(events)).toHaveLength(2);
    const none = writeZip([
      { name: "Takeout/Fitbit/Sleep/sleep_score.csv", data: "a,b\n1,2" },
      { name: `${FITBIT}/more.zip`, data: buildZip([{ name: `${FITBIT}/steps-2024-03-01.json`, data: "[]" }]) },
    ]);
    expect((await parseErrorOf(() => collect(parseFitbitTakeoutZip(none, NEW_YORK)))).code).toBe("ZIP_NO_EXPORT");
  });
});
