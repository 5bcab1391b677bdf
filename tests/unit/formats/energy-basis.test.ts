import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { estimateWorkout } from "../../../src/domain/energy/workout-estimates.js";
import type { ParsedWorkout } from "../../../src/formats/contract.js";
import { DETECT_HEAD_BYTES, detectFormat } from "../../../src/formats/detect.js";
import { openRecords } from "../../../src/formats/registry.js";
import type { EnergyBasis } from "../../../src/lib/vocabulary.js";

// Every format states what its workout energy counts, and the day takes resting energy out of a gross total only.

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const NOW_MS = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), "energy-basis-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workoutsOf(path: string, filename: string): Promise<ParsedWorkout[]> {
  const format = detectFormat(readFileSync(path).subarray(0, DETECT_HEAD_BYTES));
  if (format === null) throw new Error(`${filename} was not recognised`);
  const out: ParsedWorkout[] = [];
  const opts = { nowMs: NOW_MS, timeZone: "Europe/Berlin", filename, onBytes: () => undefined, weightUnit: null };
  for await (const event of openRecords(format, path, opts)) if (event.kind === "workout") out.push(event.workout);
  return out;
}

const fitbitExercise = join(dir, "exercise-2024-03-01.json");
writeFileSync(
  fitbitExercise,
  JSON.stringify([{ logId: 1, activityName: "Run", startTime: "03/29/24 18:03:52", duration: 1_536_000, calories: 150, logType: "auto_detected" }]),
);

const CASES: [string, string, EnergyBasis][] = [
  ["Garmin FIT", `${FIXTURES}fit/pyfitparse__garmin-fenix-5-run.fit`, "gross"],
  ["Garmin TCX", `${FIXTURES}tcx/togeojson__garmin_connect.tcx`, "gross"],
  ["GPX", `${FIXTURES}gpx/togeojson__run_gpxtpx.gpx`, "gross"],
  ["Strava activities.csv", `${FIXTURES}strava/synthetic__activities.csv`, "gross"],
  [
    "Samsung Health exercise CSV",
    `${FIXTURES}samsung-health/samsunghealth_synthetic_20240320101500/com.samsung.shealth.exercise.20240320101500.csv`,
    "gross",
  ],
  ["Fitbit exercise JSON", fitbitExercise, "gross"],
  ["Google Fit All Sessions JSON", `${FIXTURES}google-fit/synthetic__2024-05-04T08_31_12.204+02_00_RUNNING.json`, "gross"],
  ["Apple Health export.xml", `${FIXTURES}apple-health/hk2sqlite__export.xml`, "net"],
  ["Health Auto Export workouts", `${FIXTURES}health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json`, "net"],
];

describe("each format's workout energy basis", () => {
  it.each(CASES)("%s workouts are %s", async (_name, path, basis) => {
    const workouts = await workoutsOf(path, path.split("/").at(-1) ?? "");
    expect(workouts.length).toBeGreaterThan(0);
    expect(new Set(workouts.map((w) => w.energyBasis))).toEqual(new Set([basis]));
  });
});

describe("estimateWorkout", () => {
  // docs/science.md's D5 person: man, 90 kg, 180 cm, 35 y → Mifflin–St Jeor BMR 1855 kcal/day.
  const person = { sex: "male" as const, weightKg: 90, heightCm: 180, ageYears: 35 };
  const workout = { id: "w", activityType: "running", durationS: 45 * 60, activeEnergyKcal: 500, avgHrBpm: null };

  it("takes the resting energy of its 45 minutes (1855/1440 × 45 = 57.97 kcal) out of a gross total", () => {
    expect(estimateWorkout({ ...workout, energyBasis: "gross" }, person, 1)?.netKcal).toBeCloseTo(500 - (1855 / 1440) * 45, 6);
  });

  it("keeps a net total as it is", () => {
    expect(estimateWorkout({ ...workout, energyBasis: "net" }, person, 1)?.netKcal).toBe(500);
  });
});
