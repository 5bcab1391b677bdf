import { describe, expect, it } from "vitest";
import type { ParsedSample, ParseEvent } from "../../../src/formats/contract.js";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseAllDataFile, parseDailyMetricsFile } from "../../../src/formats/google-fit/single-files.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const OPTS = { nowMs: NOW_MS, timeZone: "Asia/Kolkata" };

// Google Fit's real headers (docs/formats.md §12), one day's 15-minute file and the per-day summary.
const WINDOW_HEADER =
  "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm)," +
  "Max heart rate (bpm),Min heart rate (bpm),Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count," +
  "Average weight (kg),Max weight (kg),Min weight (kg),Inactive duration (ms),Walking duration (ms)";
const SUMMARY_HEADER =
  "Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm)," +
  "Max heart rate (bpm),Min heart rate (bpm),Step count,Average weight (kg),Max weight (kg),Min weight (kg)";
const DAY_FILE = Buffer.from(
  [
    WINDOW_HEADER,
    "08:00:00.000+05:30,08:15:00.000+05:30,2,30.1,812.5,,,88,102,75,1.3,1.6,0.9,1104,,,,0,600000",
    "08:15:00.000+05:30,08:30:00.000+05:30,1,12.4,301.0,,,84,95,77,1.2,1.4,1.0,412,,,,0,300000",
  ].join("\r\n"),
);
const SUMMARY_FILE = Buffer.from([SUMMARY_HEADER, "2025-02-12,45,1890.2,6012.7,10,8,79,140,55,8280,71.2,71.2,71.2"].join("\n"));
const STEPS_STREAM = JSON.stringify({
  "Data Source": "derived:com.google.heart_rate.bpm:com.google.android.gms:merge_heart_rate_bpm",
  "Data Points": [
    {
      fitValue: [{ value: { fpVal: 72.0 } }],
      startTimeNanos: "1738156698230507294",
      endTimeNanos: "1738156698230507294",
      dataTypeName: "com.google.heart_rate.bpm",
    },
  ],
});
const RAW_STREAM = JSON.stringify({
  "Data Source": "derived:com.google.step_count.delta:com.google.android.gms:estimated_steps",
  "Data Points": [],
});

const samples = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));

describe("single Google Fit Takeout files", () => {
  it("are detected from their content", () => {
    expect(detectFormat(DAY_FILE)).toBe("google_fit_daily_csv");
    expect(detectFormat(SUMMARY_FILE)).toBe("google_fit_daily_csv");
    expect(detectFormat(Buffer.from(STEPS_STREAM))).toBe("google_fit_all_data_json");
  });

  it("a day's 15-minute file takes its date from the upload's name: 1516 steps on 12 February 2025 (IST)", () => {
    const found = samples(Array.from(parseDailyMetricsFile(DAY_FILE, { ...OPTS, filename: "2025-02-12.csv" })));
    const steps = found.filter((s) => s.type === "steps");
    expect(steps.reduce((sum, s) => sum + s.value, 0)).toBe(1516);
    expect(steps[0]).toMatchObject({ startMs: Date.UTC(2025, 1, 12, 2, 30), utcOffsetMin: 330 });
  });

  it("without a dated name the 15-minute file is refused, saying how to name it", () => {
    expect(() => Array.from(parseDailyMetricsFile(DAY_FILE, { ...OPTS, filename: null }))).toThrow(/named after its date \(YYYY-MM-DD\.csv\)/);
  });

  it("the summary file: 8280 steps and 6012.7 m over the local day", () => {
    const found = samples(Array.from(parseDailyMetricsFile(SUMMARY_FILE, { ...OPTS, filename: null })));
    expect(found.map((s) => [s.type, s.value])).toEqual(expect.arrayContaining([["steps", 8280]]));
    expect(found.find((s) => s.type === "steps")).toMatchObject({ startMs: Date.UTC(2025, 1, 11, 18, 30), endMs: Date.UTC(2025, 1, 12, 18, 30) });
  });

  it("an All Data merged stream is read; a raw or per-app stream is refused with what to upload instead", () => {
    expect(samples(Array.from(parseAllDataFile(Buffer.from(STEPS_STREAM), { ...OPTS, filename: null }))).map((s) => s.value)).toEqual([72]);
    expect(() => Array.from(parseAllDataFile(Buffer.from(RAW_STREAM), { ...OPTS, filename: null }))).toThrow(/derived_…merge…/);
  });
});
