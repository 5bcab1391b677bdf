import { describe, expect, it } from "vitest";
import type { ParsedSample, ParseEvent, Rejection } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { sourceFromDataSourceId } from "../../../src/formats/google-fit/google-fit-source.js";
import { allDataEvents, decodeAllDataFile } from "../../../src/formats/google-fit/parse-all-data.js";
import type { DailyMetricsParseOptions } from "../../../src/formats/google-fit/parse-daily-metrics.js";
import { parseGoogleFitDailyMetrics } from "../../../src/formats/google-fit/parse-daily-metrics.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const NEW_YORK: DailyMetricsParseOptions = { nowMs: NOW_MS, timeZone: "America/New_York" };
const KOLKATA: DailyMetricsParseOptions = { nowMs: NOW_MS, timeZone: "Asia/Kolkata" };

// The real per-15-minute header (docs/formats.md §12: units in the header, empty cells for no data).
const WINDOW_HEADER =
  "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm)," +
  "Max heart rate (bpm),Min heart rate (bpm),Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count," +
  "Average weight (kg),Max weight (kg),Min weight (kg),Inactive duration (ms),Walking duration (ms)";
const SUMMARY_HEADER =
  "Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm)," +
  "Max heart rate (bpm),Min heart rate (bpm),Step count,Average weight (kg),Max weight (kg),Min weight (kg)";

/** One 15-minute row: times, calories, distance, steps; everything else empty or plausible. */
function windowRow(start: string, end: string, kcal: string, distanceM: string, steps: string): string {
  return `${start},${end},2,${kcal},${distanceM},,,88,102,75,1.3,1.6,0.9,${steps},,,,0,600000`;
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

function samples(events: ParseEvent[]): ParsedSample[] {
  return events.flatMap((event) => (event.kind === "sample" ? [event.sample] : []));
}

function rejections(events: ParseEvent[]): Rejection[] {
  return events.flatMap((event) => (event.kind === "rejected" ? [event.rejection] : []));
}

function daily(fileName: string, lines: string[], opts: DailyMetricsParseOptions = NEW_YORK): ParseEvent[] {
  return Array.from(parseGoogleFitDailyMetrics(fileName, csv(lines), opts));
}

describe("Daily activity metrics, 15-minute file", () => {
  it("places rows with the written offset and the date from the file name; calories are never emitted", () => {
    const events = daily(
      "Daily activity metrics/2025-02-12.csv",
      [
        WINDOW_HEADER,
        windowRow("07:15:00.000+05:30", "07:30:00.000+05:30", "21.53", "312.4", "402"),
        windowRow("23:45:00.000+05:30", "00:00:00.000+05:30", "19.20", "", "35"),
      ],
      KOLKATA,
    );
    expect(rejections(events)).toEqual([]);
    expect(samples(events)).toEqual([
      {
        type: "steps",
        value: 402,
        startMs: Date.parse("2025-02-12T01:45:00Z"),
        endMs: Date.parse("2025-02-12T02:00:00Z"),
        utcOffsetMin: 330,
        source: { name: "Google Fit", deviceType: "phone", device: null },
      },
      {
        type: "distance",
        value: 312.4,
        startMs: Date.parse("2025-02-12T01:45:00Z"),
        endMs: Date.parse("2025-02-12T02:00:00Z"),
        utcOffsetMin: 330,
        source: { name: "Google Fit", deviceType: "phone", device: null },
      },
      // The last row ends at the next day's 00:00.
      {
        type: "steps",
        value: 35,
        startMs: Date.parse("2025-02-12T18:15:00Z"),
        endMs: Date.parse("2025-02-12T18:30:00Z"),
        utcOffsetMin: 330,
        source: { name: "Google Fit", deviceType: "phone", device: null },
      },
    ]);
  });

  it("spring-forward day (America/New_York 2024-03-10): offsets change mid-file and each row stays 15 minutes", () => {
    const events = daily("2024-03-10.csv", [
      WINDOW_HEADER,
      windowRow("01:45:00.000-05:00", "03:00:00.000-04:00", "20", "", "120"),
      windowRow("03:00:00.000-04:00", "03:15:00.000-04:00", "20", "", "80"),
    ]);
    expect(samples(events).map((s) => [new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString(), s.utcOffsetMin, s.value])).toEqual([
      ["2024-03-10T06:45:00.000Z", "2024-03-10T07:00:00.000Z", -300, 120],
      ["2024-03-10T07:00:00.000Z", "2024-03-10T07:15:00.000Z", -240, 80],
    ]);
  });

  it("times without an offset are local to opts.timeZone, across the spring-forward gap", () => {
    const events = daily("2024-03-10.csv", [
      WINDOW_HEADER,
      windowRow("01:30:00.000", "01:45:00.000", "20", "", "10"),
      windowRow("01:45:00.000", "03:00:00.000", "20", "", "120"),
      windowRow("23:45:00.000", "00:00:00.000", "20", "", "7"),
    ]);
    expect(samples(events).map((s) => [new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString(), s.utcOffsetMin])).toEqual([
      ["2024-03-10T06:30:00.000Z", "2024-03-10T06:45:00.000Z", null],
      ["2024-03-10T06:45:00.000Z", "2024-03-10T07:00:00.000Z", null],
      ["2024-03-11T03:45:00.000Z", "2024-03-11T04:00:00.000Z", null],
    ]);
    // The same wall times in another zone land elsewhere: the zone is really used.
    const [inKolkata] = samples(daily("2024-03-10.csv", [WINDOW_HEADER, windowRow("01:30:00.000", "01:45:00.000", "20", "", "10")], KOLKATA));
    expect(inKolkata?.startMs).toBe(Date.parse("2024-03-09T20:00:00Z"));
  });

  it("fall-back day with offsets: the repeated hour is two distinct windows", () => {
    const events = daily("2024-11-03.csv", [
      WINDOW_HEADER,
      windowRow("01:45:00.000-04:00", "01:00:00.000-05:00", "20", "", "50"),
      windowRow("01:00:00.000-05:00", "01:15:00.000-05:00", "20", "", "60"),
    ]);
    expect(samples(events).map((s) => [new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString()])).toEqual([
      ["2024-11-03T05:45:00.000Z", "2024-11-03T06:00:00.000Z"],
      ["2024-11-03T06:00:00.000Z", "2024-11-03T06:15:00.000Z"],
    ]);
  });

  it("rejects a bad cell or time by line and keeps the rest; empty and zero cells are no data", () => {
    const events = daily("2024-06-01.csv", [
      WINDOW_HEADER,
      windowRow("08:00:00.000-04:00", "08:15:00.000-04:00", "20", "0", "abc"),
      windowRow("8am", "08:30:00.000-04:00", "20", "", "10"),
      windowRow("08:30:00.000-04:00", "08:45:00.000-04:00", "20", "", "0"),
      windowRow("08:45:00.000-04:00", "09:00:00.000-04:00", "20", "", "250000"),
      windowRow("09:00:00.000-04:00", "09:15:00.000-04:00", "", "", "15"),
    ]);
    expect(rejections(events).map((r) => [r.where, r.recordType])).toEqual([
      ["line 2", "steps"],
      ["line 3", "row"],
      ["line 5", "steps"],
    ]);
    expect(rejections(events)[2]?.reason).toMatch(/outside the plausible range/);
    expect(samples(events).map((s) => s.value)).toEqual([15]);
  });

  it("needs the date in the file name and a known header", () => {
    expect(() => daily("metrics.csv", [WINDOW_HEADER])).toThrow(ParseError);
    expect(() => daily("2024-06-01.csv", ["Heure de début,Heure de fin,Nombre de pas"])).toThrow(/neither "Start time"/);
  });
});

describe("Daily activity metrics, per-day summary", () => {
  it("a day spans the local calendar day (23 h on the spring-forward day); Calories (kcal) is not emitted", () => {
    const events = daily("Daily activity metrics.csv", [
      SUMMARY_HEADER,
      "2024-03-10,35,2210.5,5120.3,12,10,72.1,141,52,7321,81.2,81.9,80.8",
      "2024-03-11,0,1890.25,,,,,,,,,,",
    ]);
    expect(samples(events)).toEqual([
      {
        type: "steps",
        value: 7321,
        startMs: Date.parse("2024-03-10T05:00:00Z"),
        endMs: Date.parse("2024-03-11T04:00:00Z"),
        utcOffsetMin: null,
        source: { name: "Google Fit", deviceType: "phone", device: null },
      },
      {
        type: "distance",
        value: 5120.3,
        startMs: Date.parse("2024-03-10T05:00:00Z"),
        endMs: Date.parse("2024-03-11T04:00:00Z"),
        utcOffsetMin: null,
        source: { name: "Google Fit", deviceType: "phone", device: null },
      },
    ]);
    expect(rejections(events)).toEqual([]);
  });

  it("skips the days listed in skipDates (their 15-minute file was read)", () => {
    const lines = [SUMMARY_HEADER, "2024-03-09,1,2000,100,,,,,,1000,,,", "2024-03-10,1,2000,200,,,,,,2000,,,"];
    const events = daily("Daily activity metrics.csv", lines, { ...NEW_YORK, skipDates: new Set(["2024-03-10"]) });
    expect(samples(events).map((s) => [s.type, s.value])).toEqual([
      ["steps", 1000],
      ["distance", 100],
    ]);
  });
});

const HR_FILE = `{
  "Data Source": "derived:com.google.heart_rate.bpm:com.google.android.gms:merge_heart_rate_bpm",
  "Data Points": [
    {"fitValue":[{"value":{"fpVal":72.0}}],"originDataSourceId":"raw:com.google.heart_rate.bpm:com.mobvoi.wear.fitness:Mobvoi:TicWatch Pro 3:a1b2c3d4:heart_rate","endTimeNanos":1738156698230507294,"dataTypeName":"com.google.heart_rate.bpm","startTimeNanos":1738156698230507294,"modifiedTimeMillis":1738156700000,"rawTimestampNanos":0},
    {"fitValue":[{"value":{"fpVal":400.0}}],"originDataSourceId":"","endTimeNanos":"1738156758000000000","dataTypeName":"com.google.heart_rate.bpm","startTimeNanos":"1738156758000000000","modifiedTimeMillis":1738156800000},
    {"originDataSourceId":"","startTimeNanos":"1738156818000000000","dataTypeName":"com.google.heart_rate.bpm"},
    {"fitValue":[{"value":{"fpVal":81.5}}],"originDataSourceId":"raw:com.google.heart_rate.bpm:com.google.android.gms:Google:Pixel 8:ffee:heart_rate","endTimeNanos":"1738156878999999999","dataTypeName":"com.google.heart_rate.bpm","startTimeNanos":"1738156878999999999"}
  ]
}`;

function allData(fileName: string, text: string): ParseEvent[] {
  return Array.from(allDataEvents(decodeAllDataFile(fileName, Buffer.from(text, "utf8")), { nowMs: NOW_MS }));
}

describe("All Data JSON", () => {
  it("heart rate: nanosecond stamps (number beyond 2^53 or string) to ms, bad points rejected by number", () => {
    const events = allData("derived_com.google.heart_rate.bpm_com.go.json", HR_FILE);
    expect(samples(events)).toEqual([
      {
        type: "heart_rate",
        value: 72,
        startMs: 1738156698230,
        endMs: 1738156698230,
        utcOffsetMin: null,
        source: { name: "Google Fit (Mobvoi TicWatch Pro 3)", deviceType: "watch", device: "Mobvoi TicWatch Pro 3" },
      },
      {
        type: "heart_rate",
        value: 81.5,
        startMs: 1738156878999,
        endMs: 1738156878999,
        utcOffsetMin: null,
        source: { name: "Google Fit (Google Pixel 8)", deviceType: "phone", device: "Google Pixel 8" },
      },
    ]);
    expect(rejections(events).map((r) => [r.where, r.recordType])).toEqual([
      ["data point 2", "heart_rate"],
      ["data point 3", "data point"],
    ]);
    expect(rejections(events)[0]?.reason).toMatch(/heart_rate value 400 is outside/);
  });

  it("steps are intVal deltas over [start, end); weight is fpVal kg, typed-in values are manual", () => {
    const steps = allData(
      "derived_com.google.step_count.delta_com.google.and.json",
      JSON.stringify({
        "Data Source": "derived:com.google.step_count.delta:com.google.android.gms:estimated_steps",
        "Data Points": [
          {
            fitValue: [{ value: { intVal: 402 } }],
            startTimeNanos: "1739326500000000000",
            endTimeNanos: "1739327400000000000",
            dataTypeName: "com.google.step_count.delta",
            originDataSourceId: "raw:com.google.step_count.delta:com.google.android.gms:samsung:SM-G973F:5c1d:soft_step_counter",
          },
        ],
      }),
    );
    expect(samples(steps)).toMatchObject([
      { type: "steps", value: 402, startMs: 1739326500000, endMs: 1739327400000, source: { deviceType: "phone", device: "samsung SM-G973F" } },
    ]);
    const weight = allData(
      "derived_com.google.weight_com.google.android.g.json",
      JSON.stringify({
        "Data Source": "derived:com.google.weight:com.google.android.gms:merge_weight",
        "Data Points": [
          {
            fitValue: [{ value: { fpVal: 81.19999694824219 } }],
            startTimeNanos: "1739340000000000000",
            endTimeNanos: "1739340000000000000",
            dataTypeName: "com.google.weight",
            originDataSourceId: "raw:com.google.weight:com.google.android.apps.fitness:user_input",
          },
        ],
      }),
    );
    expect(samples(weight)).toMatchObject([{ type: "body_mass", value: 81.19999694824219, source: { deviceType: "manual" } }]);
  });

  it("calories expended (total incl. BMR) become one file-level rejection, never active energy", () => {
    const events = allData(
      "derived_com.google.calories.expended_com.json",
      JSON.stringify({
        "Data Source": "derived:com.google.calories.expended:com.google.android.gms:merge_calories_expended",
        "Data Points": [
          {
            fitValue: [{ value: { fpVal: 1.2 } }],
            startTimeNanos: "1739340000000000000",
            endTimeNanos: "1739340060000000000",
            dataTypeName: "com.google.calories.expended",
          },
        ],
      }),
    );
    expect(samples(events)).toEqual([]);
    expect(rejections(events)).toEqual([expect.objectContaining({ where: "file", recordType: "calories" })]);
    expect(rejections(events)[0]?.reason).toMatch(/including resting burn/);
  });

  it("unsupported streams yield nothing; non-JSON is a ParseError", () => {
    const location = JSON.stringify({
      "Data Source": "derived:com.google.location.sample:com.google.android.gms:merge_location_samples",
      "Data Points": [{}],
    });
    expect(allData("derived_com.google.location.sample_com.go.json", location)).toEqual([]);
    expect(() => allData("derived_com.google.weight_x.json", "{not json")).toThrow(/not valid JSON/);
    expect(() => allData("derived_com.google.weight_x.json", "[]")).toThrow(/Data Points/);
  });
});

describe("sourceFromDataSourceId", () => {
  it("names the device when the id has one; defaults to the phone", () => {
    expect(sourceFromDataSourceId(undefined)).toEqual({ name: "Google Fit", deviceType: "phone", device: null });
    expect(sourceFromDataSourceId("derived:com.google.step_count.delta:com.google.android.gms:estimated_steps").deviceType).toBe("phone");
    expect(sourceFromDataSourceId("raw:com.google.heart_rate.bpm:com.xiaomi.hm.health:Xiaomi:Mi Smart Band 5:9a:hr").deviceType).toBe("band");
    expect(sourceFromDataSourceId("raw:com.google.heart_rate.bpm:com.samsung.android.app.watchmanager:Samsung:Galaxy Watch4:9a:hr").deviceType).toBe(
      "watch",
    );
  });
});
