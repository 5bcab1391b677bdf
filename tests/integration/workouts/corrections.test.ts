import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathForKey } from "../../../src/modules/imports/upload-store.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";
import { settledDayHiitCount, settledSessions, syncWorkout, tenBy60 } from "../hiit/hiit-test-kit.js";
import {
  dayWhen,
  deviceFileNetKcal,
  FENIX_RUN_DATE,
  FENIX_RUN_FIT,
  FENIX_RUN_KCAL,
  gpxCopyOf,
  importFile,
  importFixture,
  keytelKcal,
  near,
  PERSON,
  sync,
  TRIATHLON_FIT,
  tcxCopyOf,
  workoutDetail,
  workoutsOn,
} from "./activity-test-kit.js";

const CLOCK = "2026-11-24T12:00:00Z";
let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock(CLOCK) });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const del = (user: TestUser, url: string) => h.request(url, { method: "DELETE", key: user.apiKey });

async function importRow(id: string) {
  const [row] = await h.deps.sql<{ storageKey: string }[]>`select storage_key as "storageKey" from imports where id = ${id}`;
  return row;
}

describe("DELETE /v1/workouts/{id}", () => {
  it("removes a workout; the next record of the activity counts and the day follows, down to no workout at all", async () => {
    const user = await h.createUser(PERSON);
    const fitImport = await importFixture(h, user, FENIX_RUN_FIT);
    const fitId = (await workoutsOn(h, user, FENIX_RUN_DATE))[0]?.id ?? "";
    const fit = await workoutDetail(h, user, fitId);
    const tcxImport = await importFile(h, user, tcxCopyOf(fit, "Fenix 5 X"));
    await importFile(h, user, gpxCopyOf(fit));
    const fitNet = deviceFileNetKcal(FENIX_RUN_KCAL, fit.duration_s, FENIX_RUN_DATE);
    await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the run to count once");

    const stranger = await h.createUser(PERSON);
    await expectProblem(await del(stranger, `/v1/workouts/${fitId}`), 404, "NOT_FOUND");

    expect((await del(user, `/v1/workouts/${fitId}`)).status).toBe(204);
    await expectProblem(await h.request(`/v1/workouts/${fitId}`, { key: user.apiKey }), 404, "NOT_FOUND");
    const [streams] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from workout_streams where workout_id = ${fitId}`;
    expect(streams?.n).toBe(0);
    const left = await workoutsOn(h, user, FENIX_RUN_DATE);
    const tcx = left.find((w) => w.import_id === tcxImport.id);
    const gpx = left.find((w) => w.import_id !== tcxImport.id);
    expect(tcx).toMatchObject({ counted: true, duplicate_of: null });
    expect(gpx).toMatchObject({ counted: false, duplicate_of: tcx?.id });
    // The TCX carries the same 406 kcal for the same duration: the day's number stands, now from the TCX.
    const afterFit = await dayWhen(h, user, FENIX_RUN_DATE, (d) => d.breakdown?.workouts.length === 2, "the day without the FIT");
    expect(afterFit.active_kcal).toBeCloseTo(fitNet, 0);
    expect(afterFit.breakdown?.workouts.find((w) => w.counted)?.id).toBe(tcx?.id);

    expect((await del(user, `/v1/workouts/${tcx?.id}`)).status).toBe(204);
    const gpxDetail = await workoutDetail(h, user, gpx?.id ?? "");
    expect(gpxDetail).toMatchObject({ counted: true, duplicate_of: null });
    const keytel = keytelKcal(gpxDetail.avg_hr_bpm ?? 0, gpxDetail.duration_s, FENIX_RUN_DATE);
    const gpxDay = await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(keytel)(d.active_kcal), "the GPX's heart-rate estimate to count");
    expect(gpxDay.breakdown?.workouts).toEqual([
      expect.objectContaining({ id: gpx?.id, counted: true, method: "heart_rate", reason: "estimated from heart rate" }),
    ]);

    expect((await del(user, `/v1/workouts/${gpx?.id}`)).status).toBe(204);
    const empty = await dayWhen(h, user, FENIX_RUN_DATE, (d) => d.status === "no_data", "the day to have nothing left");
    expect(empty).toMatchObject({ active_kcal: 0, breakdown: expect.objectContaining({ workouts: [] }) });
    expect(await workoutsOn(h, user, FENIX_RUN_DATE)).toEqual([]);
    // The imports stay: deleting workouts is not deleting files.
    expect((await h.request(`/v1/imports/${fitImport.id}`, { key: user.apiKey })).status).toBe(200);
  });

  it("removes the workout's HIIT session and the day's count", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", hr_max_bpm: 185 });
    const date = "2026-11-20";
    await sync(h, user, { workouts: [syncWorkout(tenBy60(Date.parse(`${date}T17:00:00Z`)))] });
    const [session] = await settledSessions(h, user, date, date);
    await settledDayHiitCount(h, user, date, 1);
    expect((await del(user, `/v1/workouts/${session?.workout_id}`)).status).toBe(204);
    expect(await settledSessions(h, user, date, date)).toEqual([]);
    await settledDayHiitCount(h, user, date, 0);
  });
});

describe("DELETE /v1/imports/{id}", () => {
  it("removes the import, its workouts and its stored file; the day is recomputed", async () => {
    const user = await h.createUser(PERSON);
    const done = await importFixture(h, user, TRIATHLON_FIT);
    await dayWhen(h, user, "2018-05-27", (d) => (d.active_kcal ?? 0) > 1000, "the triathlon to count");
    const stored = await importRow(done.id);
    const file = pathForKey(h.deps.env.UPLOAD_DIR, stored?.storageKey ?? "");
    expect(existsSync(file)).toBe(true);

    const stranger = await h.createUser(PERSON);
    await expectProblem(await del(stranger, `/v1/imports/${done.id}`), 404, "NOT_FOUND");

    expect((await del(user, `/v1/imports/${done.id}`)).status).toBe(204);
    await expectProblem(await h.request(`/v1/imports/${done.id}`, { key: user.apiKey }), 404, "NOT_FOUND");
    const list = await readJson<{ imports: { id: string }[] }>(await h.request("/v1/imports", { key: user.apiKey }));
    expect(list.imports.map((i) => i.id)).not.toContain(done.id);
    await expectProblem(await del(user, `/v1/imports/${done.id}`), 404, "NOT_FOUND");

    const day = await dayWhen(h, user, "2018-05-27", (d) => d.status === "no_data", "the day to lose the triathlon");
    // Nothing recorded is left on the day: its burn is unknown, not the profile's BMR (docs/science.md §1.6).
    expect(day).toMatchObject({ active_kcal: 0, basal_kcal: null, burned_kcal: null });
    await waitFor(async () => ((await importRow(done.id)) === undefined ? true : undefined), 10_000, "the import row to go");
    expect(existsSync(file)).toBe(false);
    expect(await workoutsOn(h, user, "2018-05-27")).toEqual([]);

    // The same bytes can be imported again afterwards: a new import, the legs back.
    const again = await importFixture(h, user, TRIATHLON_FIT);
    expect(again.id).not.toBe(done.id);
    expect(await workoutsOn(h, user, "2018-05-27")).toHaveLength(5);
  });

  it("keeps every row another import also holds: the overlapping import runs again and owns them", async () => {
    const user = await h.createUser({ ...PERSON, time_zone: "America/Los_Angeles" });
    const date = "2016-11-14";
    const record = (type: string, unit: string, source: string, start: string, end: string, value: number) =>
      `<Record type="HKQuantityTypeIdentifier${type}" sourceName="${source}" unit="${unit}" creationDate="${end}" startDate="${start}" endDate="${end}" value="${value}"/>`;
    const extras = [
      record("BodyMass", "kg", "Health Mate", "2016-11-14 08:00:00 -0800", "2016-11-14 08:00:00 -0800", 80),
      record("DietaryEnergyConsumed", "kcal", "MyFitnessPal", "2016-11-14 12:30:00 -0800", "2016-11-14 12:30:00 -0800", 650),
      record("ActiveEnergyBurned", "kcal", "Apple Watch", "2016-11-14 10:00:00 -0800", "2016-11-14 11:00:00 -0800", 300),
    ];
    const base = fixture("apple-health/hk2sqlite__export.xml").toString("utf8");
    const exportA = Buffer.from(base.replace("</HealthData>", `${extras.join("\n")}\n</HealthData>`));
    // A later export: everything of the first, plus an afternoon walk's steps.
    const exportB = Buffer.from(
      base.replace(
        "</HealthData>",
        `${[...extras, record("StepCount", "count", "iPhone", "2016-11-14 15:00:00 -0800", "2016-11-14 15:30:00 -0800", 1200)].join("\n")}\n</HealthData>`,
      ),
    );
    const a = await importFile(h, user, exportA);
    const b = await importFile(h, user, exportB);
    expect(b.counts.steps).toMatchObject({ inserted: 1 });
    expect(b.counts.body_mass).toMatchObject({ inserted: 0, duplicate: 1 });
    const before = await dayWhen(h, user, date, (d) => d.active_kcal !== null && d.status !== "no_data", "both exports' day");
    const rows = async () => {
      const [counts] = await h.deps.sql<{ samples: number; workouts: number; intake: number; body: number; notB: number }[]>`
        select (select count(*)::int from samples where user_id = ${user.id}) as samples,
               (select count(*)::int from workouts where user_id = ${user.id}) as workouts,
               (select count(*)::int from intake_entries where user_id = ${user.id}) as intake,
               (select count(*)::int from body_measurements where user_id = ${user.id}) as body,
               (select count(*)::int from samples where user_id = ${user.id} and import_id is distinct from ${b.id}) as "notB"`;
      return counts;
    };
    const withBoth = await rows();
    expect(withBoth).toMatchObject({ workouts: 1, intake: 1, body: 1 });
    expect(withBoth?.notB).toBeGreaterThan(0);

    expect((await del(user, `/v1/imports/${a.id}`)).status).toBe(204);
    await waitFor(async () => ((await importRow(a.id)) === undefined ? true : undefined), 15_000, "the first export's removal");
    const rerun = await settledImport(h, user.apiKey, b.id, 30_000);
    expect(rerun.status).toBe("completed");
    expect(await rows()).toEqual({ ...withBoth, notB: 0 });
    const after = await dayWhen(h, user, date, (d) => d.active_kcal === before.active_kcal, "the day to stand");
    expect(after).toMatchObject({ active_kcal: before.active_kcal, burned_kcal: before.burned_kcal, status: before.status });
    const intake = await readJson<{ days: { intake_kcal: number | null }[] }>(
      await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }),
    );
    expect(intake.days[0]?.intake_kcal).toBe(650);

    expect((await del(user, `/v1/imports/${b.id}`)).status).toBe(204);
    await waitFor(async () => ((await importRow(b.id)) === undefined ? true : undefined), 15_000, "the second export's removal");
    expect(await rows()).toEqual({ samples: 0, workouts: 0, intake: 0, body: 0, notB: 0 });
    await dayWhen(h, user, date, (d) => d.status === "no_data", "the day to be empty");
  });

  it("keeps a workout the app synced too, when the import that stored it first is deleted", async () => {
    const user = await h.createUser(PERSON);
    const done = await importFixture(h, user, FENIX_RUN_FIT);
    const fit = await workoutDetail(h, user, (await workoutsOn(h, user, FENIX_RUN_DATE))[0]?.id ?? "");
    // The companion app sends the watch's run again (the file's own id): the row becomes the app's own.
    const source = { name: fit.source.name, device_type: fit.source.device_type, ...(fit.source.device ? { device: fit.source.device } : {}) };
    const sent = {
      external_id: fit.external_id,
      activity_type: "running",
      start: fit.start,
      end: fit.end,
      active_energy_kcal: FENIX_RUN_KCAL,
      source,
    };
    expect(await sync(h, user, { workouts: [sent] })).toMatchObject({ accepted: 0, rejected: 0 });
    expect(await workoutDetail(h, user, fit.id)).toMatchObject({ import_id: null });
    expect((await del(user, `/v1/imports/${done.id}`)).status).toBe(204);
    await waitFor(async () => ((await importRow(done.id)) === undefined ? true : undefined), 15_000, "the import's removal");
    expect(await workoutDetail(h, user, fit.id)).toMatchObject({ id: fit.id, counted: true, active_energy_kcal: FENIX_RUN_KCAL });
  });
});

describe("retrying a failed import", () => {
  const uploadDirs: string[] = [];
  afterAll(() => {
    for (const dir of uploadDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("409 for an import that did not fail, 404 for another user's; a deterministic failure fails again", async () => {
    const user = await h.createUser(PERSON);
    const done = await importFixture(h, user, FENIX_RUN_FIT);
    await expectProblem(await h.request(`/v1/imports/${done.id}/retry`, { method: "POST", key: user.apiKey }), 409, "IMPORT_NOT_FAILED");
    const stranger = await h.createUser(PERSON);
    await expectProblem(await h.request(`/v1/imports/${done.id}/retry`, { method: "POST", key: stranger.apiKey }), 404, "NOT_FOUND");

    const garbage = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("fit/garbage.fit")));
    expect((await settledImport(h, user.apiKey, garbage.id)).error?.code).toBe("FIT_INVALID");
    const retried = await h.request(`/v1/imports/${garbage.id}/retry`, { method: "POST", key: user.apiKey });
    expect(retried.status).toBe(202);
    expect(retried.headers.get("location")).toBe(`/v1/imports/${garbage.id}`);
    expect(await readJson<ImportBody>(retried)).toMatchObject({ id: garbage.id, status: "queued", error: null });
    expect((await settledImport(h, user.apiKey, garbage.id)).error?.code).toBe("FIT_INVALID");
  });

  it("an import that failed because its file was out of reach completes when retried, or when its bytes are sent again", async () => {
    // The API stores uploads in one directory; the first worker is misconfigured with another (an unmounted volume).
    const api = await createHarness({}, { clock: fixedClock(CLOCK) });
    const emptyDir = mkdtempSync(path.join(tmpdir(), "wearsync-unmounted-"));
    uploadDirs.push(emptyDir);
    const misconfigured = await createHarness({ QUEUE_PREFIX: api.deps.env.QUEUE_PREFIX, UPLOAD_DIR: emptyDir }, { clock: fixedClock(CLOCK) });
    let workers: WorkerPool | undefined;
    try {
      const user = await api.createUser(PERSON);
      const run = await readJson<ImportBody>(await upload(api, user.apiKey, fixture(FENIX_RUN_FIT)));
      const tri = await readJson<ImportBody>(await upload(api, user.apiKey, fixture(TRIATHLON_FIT)));
      // Not started yet: a queued import can be neither deleted nor retried.
      await expectProblem(await api.request(`/v1/imports/${run.id}`, { method: "DELETE", key: user.apiKey }), 409, "IMPORT_IN_PROGRESS");
      await expectProblem(await api.request(`/v1/imports/${run.id}/retry`, { method: "POST", key: user.apiKey }), 409, "IMPORT_NOT_FAILED");

      workers = startWorkers(misconfigured.deps);
      for (const id of [run.id, tri.id]) {
        const failed = await settledImport(api, user.apiKey, id, 45_000);
        expect(failed).toMatchObject({ status: "failed", error: { code: "IMPORT_ERROR" } });
      }
      await workers.close();
      workers = startWorkers(api.deps);

      const retried = await api.request(`/v1/imports/${run.id}/retry`, { method: "POST", key: user.apiKey });
      expect(retried.status).toBe(202);
      expect((await settledImport(api, user.apiKey, run.id)).status).toBe("completed");
      const reuploaded = await upload(api, user.apiKey, fixture(TRIATHLON_FIT));
      expect(reuploaded.status).toBe(202);
      expect(await readJson<ImportBody>(reuploaded)).toMatchObject({ id: tri.id, status: "queued" });
      expect((await settledImport(api, user.apiKey, tri.id)).status).toBe("completed");

      const day = await readJson<{ active_kcal: number | null }>(
        await waitFor(
          async () => {
            const res = await api.request(`/v1/days/${FENIX_RUN_DATE}`, { key: user.apiKey });
            const body = (await res.clone().json()) as { pending: boolean; status: string };
            return !body.pending && body.status !== "no_data" ? res : undefined;
          },
          20_000,
          "the retried run's day",
        ),
      );
      const runWorkout = (
        await readJson<{ workouts: { duration_s: number }[] }>(
          await api.request(`/v1/workouts?from=${FENIX_RUN_DATE}&to=${FENIX_RUN_DATE}`, { key: user.apiKey }),
        )
      ).workouts[0];
      expect(day.active_kcal).toBeCloseTo(deviceFileNetKcal(FENIX_RUN_KCAL, runWorkout?.duration_s ?? 0, FENIX_RUN_DATE), 0);
    } finally {
      await workers?.close();
      await misconfigured.close();
      await api.close();
    }
  }, 120_000);
});
