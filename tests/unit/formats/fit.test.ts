import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { decodeFit } from "../../../src/formats/fit/fit-decode.js";
import { frameFitSegments } from "../../../src/formats/fit/fit-framing.js";
import { expandHrMessages } from "../../../src/formats/fit/fit-hr.js";
import { speedAndDistanceByRecord } from "../../../src/formats/fit/fit-speed-distance.js";
import { MAX_FIT_FILE_BYTES, parseFit } from "../../../src/formats/fit/parse-fit.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const PDT_OFFSET_MIN = -420;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/fit/${name}`, import.meta.url));
}

function csvRows(name: string): string[][] {
  return parseCsv(fixture(name), { from_line: 2, skip_empty_lines: true, trim: true }) as string[][];
}

/** python-fitparse writes its expected timestamps as `Sun Jun 11 07:34:09 PDT 2017`. */
function pdtToUtcMs(text: string | undefined): number {
  const match = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) PDT (\d{4})$/.exec(text ?? "");
  if (!match) throw new Error(`unexpected timestamp ${text}`);
  const [, month, day, hour, minute, second, year] = match;
  return Date.UTC(Number(year), MONTHS.indexOf(month ?? ""), Number(day), Number(hour) - PDT_OFFSET_MIN / 60, Number(minute), Number(second));
}

function workouts(events: ParseEvent[]): ParsedWorkout[] {
  return events.flatMap((event) => (event.kind === "workout" ? [event.workout] : []));
}

function onlyWorkout(name: string, timeZone?: string): ParsedWorkout {
  const found = workouts(parseFit(fixture(name), { nowMs: NOW_MS, timeZone }));
  expect(found).toHaveLength(1);
  const [workout] = found;
  if (!workout) throw new Error("no workout");
  return workout;
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

describe("parseFit against python-fitparse's per-record CSVs", () => {
  const cases = [
    { fit: "pyfitparse__garmin-fenix-5-run.fit", activity: "running", rows: 21, repeats: 0 },
    { fit: "pyfitparse__garmin-fenix-5-bike.fit", activity: "cycling", rows: 19, repeats: 0 },
    { fit: "pyfitparse__garmin-fenix-5-walk.fit", activity: "walking", rows: 17, repeats: 0 },
    { fit: "pyfitparse__garmin-edge-820-bike.fit", activity: "cycling", rows: 15, repeats: 0 },
    { fit: "pyfitparse__garmin-edge-500-activity.fit", activity: "cycling", rows: 10686, repeats: 15 },
  ];
  for (const { fit, activity, rows, repeats } of cases) {
    it(`${fit}: heart rate and speed per timestamp equal the CSV`, () => {
      const workout = onlyWorkout(fit);
      const csv = csvRows(fit.replace(/\.fit$/, "-records.csv"));
      expect(csv).toHaveLength(rows);
      // A stream holds one reading per instant: records repeating a timestamp keep the first reading.
      const expected = csv.filter((row, i) => i === 0 || row[0] !== csv[i - 1]?.[0]);
      expect(expected).toHaveLength(rows - repeats);
      expect(workout.activityType).toBe(activity);
      expect(workout.heartRate.map((p) => [p.tMs, p.bpm])).toEqual(expected.map((r) => [pdtToUtcMs(r[0]), Number(r[1])]));
      expect(workout.speedMps).toHaveLength(expected.length);
      workout.speedMps.forEach((point, i) => {
        expect(point.value).toBeCloseTo(Number(expected[i]?.[3]), 3);
      });
    });
  }

  it("reads the local offset (PDT) and the Garmin device from the fenix 5 run", () => {
    const workout = onlyWorkout("pyfitparse__garmin-fenix-5-run.fit");
    expect(workout.utcOffsetMin).toBe(PDT_OFFSET_MIN);
    expect(workout.source).toEqual({ name: "Garmin Fenix 5", deviceType: "watch", device: "Fenix 5" });
    expect(workout.startMs).toBe(Date.UTC(2017, 5, 11, 14, 34, 9));
    expect(workout.durationSec).toBeCloseTo(56.887, 3);
    expect(workout.distanceM).toBeCloseTo(157.56, 2);
    expect(workout.activeEnergyKcal).toBe(5);
  });

  it("ranks a bike computer (Edge 820) with watches, not apps", () => {
    expect(onlyWorkout("pyfitparse__garmin-edge-820-bike.fit").source.deviceType).toBe("watch");
  });
});

describe("parseFit: compressed speed/distance and device-relative timestamps", () => {
  const fit = "pyfitparse__compressed-speed-distance.fit";
  const firstRawTimestampSec = 17217864;

  it("matches the 754 CSV records (HR, speed, time since the first record)", () => {
    const workout = onlyWorkout(fit, "America/Los_Angeles");
    const expected = csvRows("pyfitparse__compressed-speed-distance-records.csv");
    expect(expected).toHaveLength(754);
    const relative = (tMs: number) => (tMs - workout.startMs) / 1000 + firstRawTimestampSec;
    expect(workout.heartRate.map((p) => [relative(p.tMs), p.bpm])).toEqual(expected.map((r) => [Number(r[0]), Number(r[1])]));
    expect(workout.speedMps.map((p) => p.value)).toEqual(expected.map((r) => Number(r[2])));
  });

  it("accumulates the rolling 12-bit distance exactly as the CSV", () => {
    const records = decodeFit(fixture(fit)).records;
    expect(records[0]?.timestamp?.getTime()).toBe(Date.UTC(1989, 11, 31) + firstRawTimestampSec * 1000);
    const distances = speedAndDistanceByRecord(records)
      .slice(1)
      .map((m) => m.distanceM);
    expect(distances).toEqual(csvRows("pyfitparse__compressed-speed-distance-records.csv").map((r) => Number(r[3])));
  });

  it("anchors relative times through activity.local_timestamp in the user's zone", () => {
    const workout = onlyWorkout(fit, "America/Los_Angeles");
    // activity.local_timestamp 2012-02-13 12:21:03 local is 3887 s after the session start.
    expect(workout.startMs).toBe(Date.UTC(2012, 1, 13, 19, 16, 16));
    expect(workout.utcOffsetMin).toBe(-480);
    expect(workout.durationSec).toBeCloseTo(3772.75, 2);
  });

  it("rejects the workout, with a reason, when no time zone is known", () => {
    const events = parseFit(fixture(fit), { nowMs: NOW_MS });
    expect(workouts(events)).toHaveLength(0);
    expect(events).toEqual([expect.objectContaining({ kind: "rejected", rejection: expect.objectContaining({ where: "session 1" }) })]);
    expect(JSON.stringify(events)).toContain("time zone");
  });
});

describe("parseFit: sessions, devices and ids", () => {
  it("reads the ELEMNT ride; distance over timer time gives the asserted avg_speed 5.86", () => {
    const workout = onlyWorkout("pyfitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit");
    expect(workout.activityType).toBe("cycling");
    expect(Number(((workout.distanceM ?? 0) / workout.durationSec).toFixed(2))).toBe(5.86);
    expect(workout.source.name).toBe("Wahoo Fitness ELEMNT");
    expect(workout.powerW.length).toBeGreaterThan(13_000);
  });

  it("a file without a session whose one lap covers 4.9 m: the 4.6-hour ride's distance comes from its records", () => {
    const workout = onlyWorkout("pyfitparse__nick-no-session.fit");
    expect(workout.activityType).toBe("cycling");
    // The records run from 0 to 113,554.7 m over 16,724 s (first and last record of the file); the lap says 4.93 m.
    // (The main run of records, which the span is read from, ends a second before the file's last record.)
    expect(Math.abs(workout.durationSec - 16_724)).toBeLessThanOrEqual(1);
    expect(workout.distanceM).toBeGreaterThan(113_500);
    expect(workout.distanceM).toBeLessThanOrEqual(113_554.7);
    expect(workout.provenance.distanceM).toBe("samples");
    // No summary at all: the heart rate is the mean of its 14,375 kept readings.
    expect(workout.avgHrBpm).toBeCloseTo(142.75, 2);
    expect(workout.provenance.avgHrBpm).toBe("samples");
  });

  it("keeps an unknown-to-old-profiles sport name (snorkeling, Suunto)", () => {
    const workout = onlyWorkout("fitfileparser__snorkeling-unknown-sport.fit");
    expect(workout.activityType).toBe("snorkeling");
    expect(workout.source).toEqual({ name: "Suunto Vertical 2", deviceType: "watch", device: "Suunto Vertical 2" });
    expect(workout.externalId).toBeNull();
  });

  it("splits a chained multisport file into one workout per session and merges strap HR", () => {
    const buf = fixture("pyfitparse__sample_mulitple_header.fit");
    expect(frameFitSegments(buf)).toHaveLength(4);
    const found = workouts(parseFit(buf, { nowMs: NOW_MS }));
    expect(found.map((w) => w.activityType)).toEqual(["swimming", "transition", "cycling", "transition", "running"]);
    expect(new Set(found.map((w) => w.externalId)).size).toBe(5);
    const swim = found[0];
    const recordsWithWatchHr = decodeFit(buf).records.filter((r) => r.heart_rate !== undefined).length;
    expect(recordsWithWatchHr).toBe(1430);
    expect(found.reduce((sum, w) => sum + w.heartRate.length, 0)).toBe(1773);
    expect(swim?.heartRate.every((p) => p.bpm >= 100 && p.bpm <= 200)).toBe(true);
  });

  it("expands buffered hr messages into beats about a second apart", () => {
    const beats = expandHrMessages(decodeFit(fixture("pyfitparse__sample_mulitple_header.fit")).hrMessages);
    expect(beats).toHaveLength(9267);
    expect(beats[0]?.tMs).toBe(Date.parse("2018-05-27T07:21:54.400Z"));
    const gapsMs = beats.slice(1).map((beat, i) => beat.tMs - (beats[i]?.tMs ?? 0));
    expect(Math.max(...gapsMs)).toBeLessThan(5000);
    expect(Math.min(...gapsMs)).toBeGreaterThanOrEqual(0);
  });

  it("parses files with developer fields", () => {
    const workout = onlyWorkout("fitfileparser__running-with-developer-data.fit");
    expect(workout.heartRate).toHaveLength(1681);
    expect(workout.source.name).toBe("Garmin Fenix 5 X");
    const stryd = onlyWorkout("pyfitparse__developer-types-sample.fit");
    expect(stryd.powerW).toHaveLength(3424);
  });

  it("derives a deterministic external id from file_id", () => {
    const first = onlyWorkout("pyfitparse__garmin-fenix-5-run.fit");
    expect(first.externalId).toBe("fit:garmin:3945849289:866126049:0");
    expect(onlyWorkout("pyfitparse__garmin-fenix-5-run.fit").externalId).toBe(first.externalId);
  });

  it("returns an empty heart-rate stream for a file without HR", () => {
    expect(onlyWorkout("fitfileparser__test.fit").heartRate).toEqual([]);
  });
});

describe("parseFit: damaged and hostile files", () => {
  function partialOf(events: ParseEvent[]): string {
    const partial = events.find((event) => event.kind === "partial");
    return partial?.kind === "partial" ? partial.reason : "";
  }

  it("imports a file with a bad CRC but reports it", () => {
    const events = parseFit(fixture("pyfitparse__activity-filecrc.fit"), { nowMs: NOW_MS });
    expect(workouts(events)).toHaveLength(1);
    expect(partialOf(events)).toContain("checksum does not match");
  });

  it("imports a truncated file up to the last complete message", () => {
    const events = parseFit(fixture("pyfitparse__activity-unexpected-eof.fit"), { nowMs: NOW_MS });
    expect(workouts(events)[0]?.speedMps).toHaveLength(14);
    expect(partialOf(events)).toContain("declares 757 bytes of data but only 756 are present");
  });

  it("imports the size-mismatched Strava Android file as partial, as an app source", () => {
    const events = parseFit(fixture("pyfitparse__strava-android-app-201.10-b1218918.fit"), { nowMs: NOW_MS });
    const [workout] = workouts(events);
    expect(workout?.activityType).toBe("running");
    expect(workout?.source.deviceType).toBe("app");
    expect(partialOf(events)).toContain("truncated");
    // The cut-off last record is stamped 2085: it neither stretches the workout nor survives as a point.
    expect(workout?.endMs).toBe(Date.UTC(2021, 8, 27, 15, 12, 28));
    expect(workout?.pointsDropped).toEqual({ heartRate: 0, speed: 1, power: 0 });
  });

  it("rejects garbage, empty and oversized files with stable codes; a monitoring file is NO_DATA", () => {
    expect(parseErrorOf(() => parseFit(fixture("garbage.fit"), { nowMs: NOW_MS })).code).toBe("FIT_INVALID");
    expect(parseErrorOf(() => parseFit(fixture("empty.bin"), { nowMs: NOW_MS })).code).toBe("EMPTY_FILE");
    const tooLarge = new Uint8Array(MAX_FIT_FILE_BYTES + 1);
    expect(parseErrorOf(() => parseFit(tooLarge, { nowMs: NOW_MS })).code).toBe("FILE_TOO_LARGE");
    const monitoring = parseErrorOf(() => parseFit(fixture("pyfitparse__MonitoringFile.fit"), { nowMs: NOW_MS }));
    expect(monitoring.code).toBe("NO_DATA");
    expect(monitoring.message).toBe(
      'This FIT file is a monitoring file (FIT file type "monitoring_b") and has 0 activity records and no session; it holds 337 monitoring messages, which wearsync does not read yet.',
    );
    expect(monitoring.skipped).toEqual({ monitoring: 337 });
  });

  it("rejects bytes that are not FIT at all", () => {
    const error = parseErrorOf(() => parseFit(Buffer.from("<?xml version='1.0'?><gpx/>"), { nowMs: NOW_MS }));
    expect(error.code).toBe("FIT_INVALID");
  });
});
