import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { buildZip } from "../../helpers/zip-writer.js";
import { settledDays } from "./energy-test-kit.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

// The Google Fit "Daily activity metrics" layout the parser tests use: a 15-minute file for 2024-03-10 (New York's
// spring-forward day, rows only where there were steps) and the per-day summary of 03-09 and 03-10.
const FIT = "Takeout/Fit/Daily activity metrics";
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

describe("coverage is judged on everything that covers a day", () => {
  it("Google Fit: the day with 15-minute rows is not the partial one, and its steps are not counted twice", async () => {
    const user = await h.createUser({ sex: "male", birth_date: "1985-02-03", height_cm: 180, weight_kg: 80, time_zone: "America/New_York" });
    const zip = buildZip([
      { name: `${FIT}/2024-03-10.csv`, data: DST_DAY_CSV },
      { name: `${FIT}/Daily activity metrics.csv`, data: SUMMARY_CSV },
    ]);
    const queued = await readJson<ImportBody>(await upload(h, user.apiKey, zip));
    expect((await settledImport(h, user.apiKey, queued.id)).status).toBe("completed");
    const days = await settledDays(h, user, "2024-03-09", "2024-03-10", (d) => d.every((x) => x.status !== "no_data"));
    // 03-10 is 23 hours long in New York; its summary row covers all of it.
    expect(days.map((d) => [d.date, d.status, d.coverage_hours])).toEqual([
      ["2024-03-09", "no_intake", 24],
      ["2024-03-10", "no_intake", 23],
    ]);
    const steps = await Promise.all(
      days.map(async (d) => (await readJson<{ steps: number }>(await h.request(`/v1/days/${d.date}`, { key: user.apiKey }))).steps),
    );
    // 03-10 counts its 15-minute detail (120 + 80), not that plus the summary's 200.
    expect(steps).toEqual([6000, 200]);
  });
});
