import { readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { FIXTURES, fixture, type ImportBody, uploadSettled } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";
import { buildZip } from "../../helpers/zip-writer.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

interface WorkoutRow {
  activity_type: string;
  external_id: string | null;
  distance_m: number | null;
  active_energy_kcal: number | null;
}

const importFile = (user: TestUser, body: Buffer, query = ""): Promise<ImportBody> => uploadSettled(h, user, body, query);

async function workoutsOf(userId: string): Promise<WorkoutRow[]> {
  return h.deps.sql<WorkoutRow[]>`
    select activity_type, external_id, distance_m::float8 as distance_m, active_energy_kcal::float8 as active_energy_kcal
    from workouts where user_id = ${userId} order by start_at`;
}

function stravaExport(): Buffer {
  return buildZip([
    { name: "export_4242/activities.csv", data: fixture("strava/synthetic__activities.csv") },
    { name: "export_4242/activities/1001.fit.gz", data: gzipSync(fixture("fit/pyfitparse__garmin-fenix-5-run.fit")) },
    { name: "export_4242/activities/1002.gpx", data: fixture("gpx/togeojson__run_gpxtpx.gpx") },
  ]);
}

describe("exports people have", () => {
  it("a .fit.gz imports as FIT, and the plain .fit afterwards is all duplicates", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const zipped = await importFile(user, gzipSync(fixture("fit/pyfitparse__garmin-fenix-5-run.fit")));
    expect(zipped).toMatchObject({ status: "completed", format: "fit", partial: false });
    expect(zipped.counts.workout).toEqual({ parsed: 1, inserted: 1, duplicate: 0, rejected: 0 });
    const plain = await importFile(user, fixture("fit/pyfitparse__garmin-fenix-5-run.fit"));
    expect(plain.counts.workout).toEqual({ parsed: 1, inserted: 0, duplicate: 1, rejected: 0 });
    const [run] = await workoutsOf(user.id);
    expect(run).toMatchObject({ activity_type: "running", active_energy_kcal: 5 });
    expect(run?.distance_m).toBeCloseTo(157.56, 2);
  });

  it("a truncated .tcx.gz fails with a readable reason and stores nothing", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const whole = gzipSync(fixture("tcx/pytcxparser__test.tcx"));
    const done = await importFile(user, whole.subarray(0, Math.floor(whole.length * 0.6)), "?format=tcx");
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("GZIP_INVALID");
    expect(await workoutsOf(user.id)).toHaveLength(0);
  });

  it("a Strava bulk export: originals win, rows without one become workouts, a second upload adds nothing", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, stravaExport());
    expect(done).toMatchObject({ status: "completed", format: "strava_zip" });
    // Progress counts the originals' inflated bytes, whose total the central directory gives before reading.
    const originals = gzipSync(fixture("fit/pyfitparse__garmin-fenix-5-run.fit")).length + fixture("gpx/togeojson__run_gpxtpx.gpx").length;
    expect(done.progress).toMatchObject({ bytes: originals, total_bytes: originals, percent: 100 });
    expect(done.counts.workout).toEqual({ parsed: 4, inserted: 4, duplicate: 0, rejected: 1 });
    const rows = await workoutsOf(user.id);
    expect(rows.map((r) => r.activity_type)).toEqual(["running", "running", "strength_training", "cycling"]);
    // Sorted by start: the 2015 GPX, then the 2017 FIT (the watch's 5 kcal, not the row's 999).
    expect(rows[1]?.active_energy_kcal).toBe(5);
    expect(rows[3]).toMatchObject({ external_id: "strava:1004", distance_m: 25104.3, active_energy_kcal: 610 });
    // The same activities zipped by hand (no export folder): other bytes, the same workouts.
    const reupload = await importFile(
      user,
      buildZip([
        { name: "activities.csv", data: fixture("strava/synthetic__activities.csv") },
        { name: "activities/1001.fit.gz", data: gzipSync(fixture("fit/pyfitparse__garmin-fenix-5-run.fit")) },
        { name: "activities/1002.gpx", data: fixture("gpx/togeojson__run_gpxtpx.gpx") },
      ]),
    );
    expect(reupload.counts.workout).toEqual({ parsed: 4, inserted: 0, duplicate: 4, rejected: 1 });
    expect(await workoutsOf(user.id)).toHaveLength(4);
  });

  it("Strava's activities.csv alone imports its rows as workouts", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, fixture("strava/synthetic__activities.csv"));
    expect(done).toMatchObject({ status: "completed", format: "strava_activities_csv" });
    expect(done.counts.workout).toEqual({ parsed: 4, inserted: 4, duplicate: 0, rejected: 1 });
    expect(done.rejected_records[0]).toMatchObject({ where: "line 6", record_type: "workout" });
  });

  it("Samsung Health: the day's steps are the combined row (7105 on 18 March, not 15517), the run and the weigh-in", async () => {
    const user = await h.createUser({ time_zone: "Europe/Helsinki", sex: "female", birth_date: "1990-05-01", height_cm: 168, weight_kg: 70 });
    const folder = "samsunghealth_synthetic_20240320101500";
    const names = readdirSync(`${FIXTURES}samsung-health/${folder}`);
    const zip = buildZip(names.map((name) => ({ name: `${folder}/${name}`, data: fixture(`samsung-health/${folder}/${name}`) })));
    const done = await importFile(user, zip);
    expect(done).toMatchObject({ status: "completed", format: "samsung_health_zip" });
    expect(done.counts.steps).toMatchObject({ parsed: 2, inserted: 2 });
    expect(done.counts.workout).toMatchObject({ parsed: 2, inserted: 2 });
    expect(done.skipped).toEqual({});
    const days = await waitFor(
      async () => {
        const body = await readJson<{ days: { date: string; steps: number | null }[]; pending: boolean }>(
          await h.request("/v1/days?from=2024-03-18&to=2024-03-19", { key: user.apiKey }),
        );
        return body.pending ? undefined : body.days;
      },
      20_000,
      "days to settle",
    );
    expect(days.map((d) => [d.date, d.steps])).toEqual([
      ["2024-03-18", 7105],
      ["2024-03-19", 8450],
    ]);
    const again = await importFile(user, zip, "?format=samsung_health_zip&filename=again.zip");
    expect(again.id).toBe(done.id);
  });

  it("Fitbit weight: recognised without its name, read in the profile's unit; ?weight_unit= on the upload wins", async () => {
    const file = fixture("fitbit/synthetic__weight-2024-03-21.json");
    const weightsOf = async (userId: string) =>
      (
        await h.deps.sql<{ kg: number }[]>`
          select value::float8 as kg from samples where user_id = ${userId} and type = 'body_mass' order by start_at`
      ).map((w) => w.kg);
    // 219.5 lb and 217.8 lb at 0.45359237 kg/lb (the entries' BMI of 33.28 says pounds).
    const inKg = [expect.closeTo(99.5635, 3), expect.closeTo(98.7924, 3)];

    const imperial = await h.createUser({ time_zone: "America/New_York", unit_system: "imperial" });
    const byProfile = await importFile(imperial, file);
    expect(byProfile).toMatchObject({ status: "completed", format: "fitbit_json" });
    expect(byProfile.counts.body_mass).toMatchObject({ parsed: 2, inserted: 2, rejected: 0 });
    expect(await weightsOf(imperial.id)).toEqual(inKg);

    // A metric profile reads the file in kg, unless the upload says otherwise.
    const metric = await h.createUser({ time_zone: "America/New_York" });
    await importFile(metric, file);
    expect(await weightsOf(metric.id)).toEqual([219.5, 217.8]);
    const told = await h.createUser({ time_zone: "America/New_York" });
    const second = await importFile(told, file, "?weight_unit=lb");
    expect(second.counts.body_mass).toMatchObject({ parsed: 2, inserted: 2, rejected: 0 });
    expect(await weightsOf(told.id)).toEqual(inKg);
  });

  it("a single Google Fit day file, dated by its name: 1516 steps on its local day", async () => {
    const user = await h.createUser({ time_zone: "Asia/Kolkata" });
    const day = Buffer.from(
      [
        "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm),Max heart rate (bpm),Min heart rate (bpm),Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count,Average weight (kg),Max weight (kg),Min weight (kg),Inactive duration (ms),Walking duration (ms)",
        "08:00:00.000+05:30,08:15:00.000+05:30,2,30.1,812.5,,,88,102,75,1.3,1.6,0.9,1104,,,,0,600000",
        "08:15:00.000+05:30,08:30:00.000+05:30,1,12.4,301.0,,,84,95,77,1.2,1.4,1.0,412,,,,0,300000",
      ].join("\r\n"),
    );
    const done = await importFile(user, day, "?filename=2025-02-12.csv");
    expect(done).toMatchObject({ status: "completed", format: "google_fit_daily_csv" });
    const [row] = await h.deps.sql<{ steps: number }[]>`
      select sum(value)::float8 as steps from samples where user_id = ${user.id} and type = 'steps'`;
    expect(row?.steps).toBe(1516);
  });
});
