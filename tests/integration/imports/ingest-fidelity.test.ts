// The regression corpus of issue "ingest fidelity", through the HTTP API with real workers: the device's own
// summary values, points dropped instead of workouts, FIT headers that lie, files with nothing to import.
import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

interface Workout {
  id: string;
  activity_type: string;
  start: string;
  local_date: string;
  duration_s: number;
  active_energy_kcal: number | null;
  distance_m: number | null;
  avg_hr_bpm: number | null;
  max_hr_bpm: number | null;
  duration_source: string | null;
  energy_source: string | null;
  distance_source: string | null;
  avg_hr_source: string | null;
  max_hr_source: string | null;
  hr_sample_count: number;
  hr_points_dropped: number;
  source: { name: string; device_type: string };
  heart_rate?: { t: string; bpm: number }[];
}

const ALL_FROM_DEVICE = {
  duration_source: "device",
  energy_source: "device",
  distance_source: "device",
  avg_hr_source: "device",
  max_hr_source: "device",
};

async function importFile(user: TestUser, file: string, query = ""): Promise<ImportBody> {
  const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture(file), query));
  return settledImport(h, user.apiKey, queued.id);
}

async function workoutsOf(user: TestUser): Promise<Workout[]> {
  const rows = await h.deps.sql<{ id: string }[]>`select id from workouts where user_id = ${user.id} order by start_at`;
  const found: Workout[] = [];
  for (const row of rows) found.push(await readJson<Workout>(await h.request(`/v1/workouts/${row.id}`, { key: user.apiKey })));
  return found;
}

async function storedRows(userId: string): Promise<number> {
  const [row] = await h.deps.sql<{ n: number }[]>`
    select ((select count(*) from samples where user_id = ${userId}) + (select count(*) from workouts where user_id = ${userId}))::int as n`;
  return Number(row?.n ?? -1);
}

describe("summary values: the device's own numbers win and say so", () => {
  it("FIT fenix 5 run: the session's 90 bpm average, not the 85 of its 21 records", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    expect(await importFile(user, "fit/pyfitparse__garmin-fenix-5-run.fit")).toMatchObject({ status: "completed", skipped: { hrv: 71 } });
    const [run] = await workoutsOf(user);
    expect(run).toMatchObject({ avg_hr_bpm: 90, max_hr_bpm: 112, active_energy_kcal: 5, distance_m: 157.56, ...ALL_FROM_DEVICE });
    expect(run?.duration_s).toBeCloseTo(56.887, 3);
    const bpm = run?.heart_rate?.map((p) => p.bpm) ?? [];
    expect(bpm.reduce((sum, b) => sum + b, 0) / bpm.length).toBeCloseTo(84.95, 2);
  });

  it("multisport FIT: each leg carries its own session's heart rate and totals", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    expect(await importFile(user, "fit/pyfitparse__sample_mulitple_header.fit")).toMatchObject({ status: "completed" });
    const legs = await workoutsOf(user);
    expect(legs.map((w) => [w.activity_type, w.avg_hr_bpm, w.max_hr_bpm, w.active_energy_kcal, w.distance_m])).toEqual([
      ["swimming", 165, 175, 245, 1644.71],
      ["transition", 176, 184, 6, 141.7],
      ["cycling", 172, 183, 1001, 40909.42],
      ["transition", 164, 169, 1, 31.93],
      ["running", 176, 187, 632, 9805.92],
    ]);
    expect(legs.every((w) => w.avg_hr_source === "device" && w.max_hr_source === "device")).toBe(true);
    // The swim's strap heart rate comes from `hr` messages: its points peak at 174, the session says 175.
    expect(Math.max(...(legs[0]?.heart_rate?.map((p) => p.bpm) ?? []))).toBe(174);
  });
});

describe("the same ride as TCX and GPX (sweatpy's activity 5039744860, Garmin Edge 1000)", () => {
  it("TCX: the five laps' totals — 668.19 m, 12 kcal, 126 s, HR 150.8 time-weighted, max 156", async () => {
    const user = await h.createUser({ time_zone: "Europe/Amsterdam" });
    expect(await importFile(user, "same-activity/sweatpy__activity_5039744860.tcx")).toMatchObject({ status: "completed", format: "tcx" });
    const [ride] = await workoutsOf(user);
    expect(ride).toMatchObject({
      activity_type: "cycling",
      start: "2020-06-01T16:52:40.000+02:00",
      local_date: "2020-06-01",
      duration_s: 126,
      active_energy_kcal: 12,
      max_hr_bpm: 156,
      hr_sample_count: 96,
      source: { name: "Garmin Edge 1000", device_type: "watch" },
      ...ALL_FROM_DEVICE,
    });
    expect(ride?.distance_m).toBeCloseTo(668.19, 2);
    expect(ride?.avg_hr_bpm).toBeCloseTo((154 * 26 + 155 * 14 + 153 * 45 + 145 * 17 + 145 * 24) / 126, 1);
  });

  it("GPX: Garmin Connect's copy has no summary, so every total is computed and says so", async () => {
    const user = await h.createUser({ time_zone: "Europe/Amsterdam" });
    expect(await importFile(user, "same-activity/sweatpy__activity_5039744860.gpx")).toMatchObject({ status: "completed", format: "gpx" });
    const [ride] = await workoutsOf(user);
    expect(ride).toMatchObject({
      start: "2020-06-01T16:52:40.000+02:00",
      duration_s: 126,
      active_energy_kcal: null,
      max_hr_bpm: 156,
      hr_sample_count: 96,
      source: { name: "Garmin Connect", device_type: "app" },
      duration_source: "samples",
      energy_source: null,
      distance_source: "samples",
      avg_hr_source: "samples",
    });
    // One track segment spans the pause, so coordinates give 899 m where the device counted 668.19 m.
    expect(ride?.distance_m).toBeCloseTo(899.26, 1);
    expect(ride?.avg_hr_bpm).toBeCloseTo(150.03, 1);
  });
});

describe("bad points are dropped, not workouts", () => {
  it("GPX with a 5-second 0 bpm dropout and a 255 bpm reading keeps the run and 36 of 42 readings", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, "gpx/patched__togeojson-run_gpxtpx-hr-dropouts.gpx");
    expect(done).toMatchObject({ status: "completed", rejected_records: [] });
    const [run] = await workoutsOf(user);
    expect(run).toMatchObject({ hr_sample_count: 36, hr_points_dropped: 6, max_hr_bpm: 152 });
    expect(run?.heart_rate?.every((p) => p.bpm >= 111 && p.bpm <= 152)).toBe(true);
  });

  it("FIT whose session start is 4 h late and whose timer/elapsed are swapped keeps all 10,671 heart-rate readings", async () => {
    const user = await h.createUser({ time_zone: "America/Los_Angeles" });
    expect(await importFile(user, "fit/patched__garmin-edge-500-inverted-session-times.fit")).toMatchObject({ status: "completed", partial: false });
    const [ride] = await workoutsOf(user);
    expect(ride).toMatchObject({
      start: "2011-09-25T06:00:22.000-07:00",
      local_date: "2011-09-25",
      hr_sample_count: 10671,
      hr_points_dropped: 0,
      avg_hr_bpm: 162,
      max_hr_bpm: 189,
      active_energy_kcal: 1954,
      distance_m: 92622.34,
      ...ALL_FROM_DEVICE,
    });
    expect(ride?.duration_s).toBeCloseTo(10641.06, 2);
  });
});

describe("a file with nothing to import fails as NO_DATA, says what it held, and leaves nothing", () => {
  it("a device FIT file without a single record", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, "fit/patched__garmin-fenix-5-run-no-records.fit");
    expect(done.status).toBe("failed");
    expect(done.error).toEqual({
      code: "NO_DATA",
      message: 'This FIT file is an activity file (FIT file type "activity") and has 0 activity records and no session.',
    });
    expect(await storedRows(user.id)).toBe(0);
  });

  it("a FIT monitoring file: NO_DATA with its 337 monitoring messages counted, also in the list", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, "fit/pyfitparse__MonitoringFile.fit");
    expect(done).toMatchObject({ status: "failed", skipped: { monitoring: 337 }, counts: {} });
    expect(done.error?.code).toBe("NO_DATA");
    expect(done.error?.message).toContain("monitoring file");
    const list = await readJson<{ imports: ImportBody[] }>(await h.request("/v1/imports", { key: user.apiKey }));
    expect(list.imports[0]).toMatchObject({ id: done.id, skipped: { monitoring: 337 } });
    expect(await storedRows(user.id)).toBe(0);
  });

  it("an Apple Health export of 120 mindful-session and 30 flights-climbed records", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const dates = (i: number) => `startDate="2024-03-0${1 + (i % 5)} 01:00:00 +0100" endDate="2024-03-0${1 + (i % 5)} 02:00:00 +0100"`;
    const mindful = Array.from({ length: 120 }, (_, i) => `<Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Watch" ${dates(i)}/>`);
    const flights = Array.from(
      { length: 30 },
      (_, i) => `<Record type="HKQuantityTypeIdentifierFlightsClimbed" sourceName="iPhone" unit="count" value="2" ${dates(i)}/>`,
    );
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n<ExportDate value="2024-03-10 09:00:00 +0100"/>\n${[...mindful, ...flights].join("\n")}\n</HealthData>\n`;
    const queued = await readJson<ImportBody>(await upload(h, user.apiKey, Buffer.from(xml)));
    const done = await settledImport(h, user.apiKey, queued.id);
    expect(done).toMatchObject({
      status: "failed",
      format: "apple_health_xml",
      skipped: { HKCategoryTypeIdentifierMindfulSession: 120, HKQuantityTypeIdentifierFlightsClimbed: 30 },
    });
    expect(done.error).toEqual({
      code: "NO_DATA",
      message:
        "This Apple Health export holds 120 mindful session records and 30 flights climbed records, none of which wearsync reads yet; nothing was imported.",
    });
    expect(await storedRows(user.id)).toBe(0);
  });
});

describe("record types that are not read are counted on a completed import", () => {
  it("healthkit-to-sqlite's export: 1 BodyMassIndex record and 2 ActivitySummary days", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await importFile(user, "apple-health/hk2sqlite__export.xml");
    expect(done).toMatchObject({
      status: "completed",
      skipped: { ActivitySummary: 2, HKQuantityTypeIdentifierBodyMassIndex: 1 },
      counts: { heart_rate: { parsed: 1, inserted: 1 }, workout: { parsed: 1, inserted: 1 } },
    });
  });
});
