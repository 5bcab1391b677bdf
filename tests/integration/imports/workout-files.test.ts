import { describe, expect, it } from "vitest";
import { type Harness, readJson } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

interface WorkoutDetail {
  id: string;
  activity_type: string;
  active_energy_kcal: number | null;
  distance_m: number | null;
  hr_sample_count: number;
  max_hr_bpm: number | null;
  heart_rate: { t: string; bpm: number }[];
}

async function importAndGetWorkouts(file: string): Promise<{ done: ImportBody; workouts: WorkoutDetail[] }> {
  const user = await h.createUser({ time_zone: "UTC" });
  const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture(file)));
  const done = await settledImport(h, user.apiKey, queued.id);
  const rows = await h.deps.sql<{ id: string }[]>`select id from workouts where user_id = ${user.id} order by start_at`;
  const workouts = [];
  for (const row of rows) workouts.push(await readJson<WorkoutDetail>(await h.request(`/v1/workouts/${row.id}`, { key: user.apiKey })));
  return { done, workouts };
}

describe("workout files end to end", () => {
  it("FIT: a Garmin fenix 5 run with the heart rate of every record (python-fitparse's CSV has 21)", async () => {
    const { done, workouts } = await importAndGetWorkouts("fit/pyfitparse__garmin-fenix-5-run.fit");
    expect(done).toMatchObject({ status: "completed", format: "fit", partial: false });
    expect(workouts).toHaveLength(1);
    expect(workouts[0]?.activity_type).toBe("running");
    expect(workouts[0]?.heart_rate).toHaveLength(21);
  });

  it("FIT: a file cut short imports as far as it is valid and says partial", async () => {
    const { done, workouts } = await importAndGetWorkouts("fit/pyfitparse__activity-unexpected-eof.fit");
    expect(done).toMatchObject({ status: "completed", partial: true });
    expect(done.partial_reason).toMatch(/./);
    expect(workouts.length).toBeGreaterThanOrEqual(1);
  });

  it("FIT: garbage with a FIT header fails with a reason and stores nothing", async () => {
    const { done, workouts } = await importAndGetWorkouts("fit/garbage.fit");
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("FIT_INVALID");
    expect(workouts).toHaveLength(0);
  });

  it("TCX: python-tcxparser's test file (379 kcal, the laps' 4689.24 m, HR max 189)", async () => {
    const { done, workouts } = await importAndGetWorkouts("tcx/pytcxparser__test.tcx");
    expect(done).toMatchObject({ status: "completed", format: "tcx" });
    const w = workouts[0];
    expect(w?.activity_type).toBe("running");
    expect(w?.active_energy_kcal).toBe(379);
    // The laps' own DistanceMeters, as the watch summed them (the last track point says 4686.31).
    // Stored as a float32 copy (4689.2427); answered to 0.01 m.
    expect(w?.distance_m).toBe(4689.24);
    expect(w?.max_hr_bpm).toBe(189);
  });

  it("GPX: togeojson's run_gpxtpx (42 heart-rate points, 111..152 bpm)", async () => {
    const { done, workouts } = await importAndGetWorkouts("gpx/togeojson__run_gpxtpx.gpx");
    expect(done).toMatchObject({ status: "completed", format: "gpx" });
    const bpm = workouts[0]?.heart_rate.map((p) => p.bpm) ?? [];
    expect(bpm).toHaveLength(42);
    expect(Math.min(...bpm)).toBe(111);
    expect(Math.max(...bpm)).toBe(152);
  });

  it("Health Auto Export file upload: the walking workout with its heart rate", async () => {
    const { done, workouts } = await importAndGetWorkouts("health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json");
    expect(done).toMatchObject({ status: "completed", format: "health_auto_export_json" });
    expect(workouts[0]?.activity_type).toBe("walking");
    expect(workouts[0]?.heart_rate[0]?.bpm).toBe(108);
  });
});
