import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueDayRecomputes } from "../../../src/jobs/recompute.js";
import { enqueueRegroupForAllUsers } from "../../../src/modules/workouts/grouping.service.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";
import { settledDayHiitCount, settledSessions, syncWorkout, tenBy60 } from "../hiit/hiit-test-kit.js";
import {
  bmrOn,
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
  setPriority,
  sourceIdNamed,
  sync,
  TRIATHLON_FIT,
  tcxCopyOf,
  type WorkoutBody,
  workoutDetail,
  workoutsOn,
} from "./activity-test-kit.js";

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

/** A user with the fenix run imported from its FIT file, and the run as the API shows it. */
async function userWithFitRun(): Promise<{ user: TestUser; fit: Awaited<ReturnType<typeof workoutDetail>> }> {
  const user = await h.createUser(PERSON);
  await importFixture(h, user, FENIX_RUN_FIT);
  const [listed] = await workoutsOn(h, user, FENIX_RUN_DATE);
  const fit = await workoutDetail(h, user, listed?.id ?? "");
  expect(fit).toMatchObject({ activity_type: "running", active_energy_kcal: FENIX_RUN_KCAL, counted: true, duplicate_of: null });
  expect(fit.heart_rate).toHaveLength(1681);
  return { user, fit };
}

const byFormat = (workouts: WorkoutBody[], importIds: Record<string, string>) =>
  Object.fromEntries(Object.entries(importIds).map(([format, importId]) => [format, workouts.find((w) => w.import_id === importId)]));

describe("the same run as FIT, TCX and GPX is one activity", () => {
  it("counts once in /v1/days: the FIT file's 406 kcal net of resting, not three workouts' worth", async () => {
    const { user, fit } = await userWithFitRun();
    const tcx = await importFile(h, user, tcxCopyOf(fit, "Fenix 5 X"));
    const gpx = await importFile(h, user, gpxCopyOf(fit));

    const workouts = await workoutsOn(h, user, FENIX_RUN_DATE);
    expect(workouts).toHaveLength(3);
    const rows = byFormat(workouts, { fit: fit.import_id ?? "", tcx: tcx.id, gpx: gpx.id });
    expect(rows.fit).toMatchObject({ counted: true, duplicate_of: null, duplicate_reason: null });
    for (const copy of [rows.tcx, rows.gpx]) {
      expect(copy).toMatchObject({ counted: false, duplicate_of: fit.id });
      expect(copy?.duplicate_reason).toBe(
        `duplicate of ${fit.id} (same activity; the recording device's own record is preferred to a copy or an estimate)`,
      );
    }
    const gpxDetail = await workoutDetail(h, user, rows.gpx?.id ?? "");
    expect(gpxDetail).toMatchObject({ counted: false, duplicate_of: fit.id, active_energy_kcal: null });

    const fitNet = deviceFileNetKcal(FENIX_RUN_KCAL, fit.duration_s, FENIX_RUN_DATE);
    const day = await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the day to count the run once");
    expect(day.active_kcal).toBeCloseTo(fitNet, 0);
    expect(day.basal_kcal).toBeCloseTo(bmrOn(FENIX_RUN_DATE), 0);
    expect(day.burned_kcal).toBeCloseTo(bmrOn(FENIX_RUN_DATE) + fitNet, 0);
    // What three counted copies would have made of it: the TCX's 406 kcal again and a Keytel estimate for the GPX.
    const tripled = 2 * fitNet + keytelKcal(gpxDetail.avg_hr_bpm ?? 0, gpxDetail.duration_s, FENIX_RUN_DATE);
    expect(tripled - (day.active_kcal ?? 0)).toBeGreaterThan(700);

    const breakdown = day.breakdown?.workouts ?? [];
    expect(breakdown).toHaveLength(3);
    expect(breakdown.find((w) => w.id === fit.id)).toMatchObject({
      counted: true,
      duplicate_of: null,
      reason: "the workout's own energy, net of resting",
    });
    for (const copy of breakdown.filter((w) => w.id !== fit.id)) {
      expect(copy).toMatchObject({ counted: false, duplicate_of: fit.id, energy_kcal: null });
      expect(copy.reason).toMatch(new RegExp(`^duplicate of ${fit.id} \\(`));
    }
  });

  it("uploaded all at once, in any order, the imports converge on the same grouping", async () => {
    const { fit: reference } = await userWithFitRun();
    const files = { fit: fixture(FENIX_RUN_FIT), tcx: tcxCopyOf(reference, "Fenix 5 X"), gpx: gpxCopyOf(reference) };
    const outcomes: Record<string, unknown>[] = [];
    for (const order of [
      ["gpx", "tcx", "fit"],
      ["tcx", "fit", "gpx"],
    ] as const) {
      const user = await h.createUser(PERSON);
      const queued = await Promise.all(order.map(async (format) => readJson<ImportBody>(await upload(h, user.apiKey, files[format]))));
      const done = await Promise.all(queued.map((q) => settledImport(h, user.apiKey, q.id, 30_000)));
      expect(done.map((d) => d.status)).toEqual(["completed", "completed", "completed"]);
      const ids = Object.fromEntries(order.map((format, i) => [format, done[i]?.id ?? ""]));
      const rows = byFormat(await workoutsOn(h, user, FENIX_RUN_DATE), ids);
      outcomes.push({
        fit: { counted: rows.fit?.counted, duplicate_of: rows.fit?.duplicate_of },
        tcx: {
          counted: rows.tcx?.counted,
          of_fit: rows.tcx?.duplicate_of === rows.fit?.id,
          reason: rows.tcx?.duplicate_reason?.replace(/wkt_\w+/, ""),
        },
        gpx: {
          counted: rows.gpx?.counted,
          of_fit: rows.gpx?.duplicate_of === rows.fit?.id,
          reason: rows.gpx?.duplicate_reason?.replace(/wkt_\w+/, ""),
        },
      });
      const fitNet = deviceFileNetKcal(FENIX_RUN_KCAL, reference.duration_s, FENIX_RUN_DATE);
      await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the concurrent imports' day to count the run once");
    }
    expect(outcomes[0]).toMatchObject({
      fit: { counted: true, duplicate_of: null },
      tcx: { counted: false, of_fit: true },
      gpx: { counted: false, of_fit: true },
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe("the same real ride exported twice by Garmin Connect (sweatpy's activity 5039744860)", () => {
  const RIDE_DATE = "2020-06-01";
  it("is one activity: the TCX with the device's laps counts once, the GPX copy is its duplicate", async () => {
    const user = await h.createUser(PERSON);
    const gpx = await importFixture(h, user, "same-activity/sweatpy__activity_5039744860.gpx");
    const tcx = await importFixture(h, user, "same-activity/sweatpy__activity_5039744860.tcx");

    const workouts = await workoutsOn(h, user, RIDE_DATE);
    expect(workouts).toHaveLength(2);
    const rows = byFormat(workouts, { tcx: tcx.id, gpx: gpx.id });
    expect(rows.tcx).toMatchObject({ activity_type: "cycling", counted: true, duplicate_of: null, active_energy_kcal: 12 });
    expect(rows.gpx).toMatchObject({ counted: false, duplicate_of: rows.tcx?.id, active_energy_kcal: null });

    // The device's 12 kcal over 126 s, net of resting; the GPX copy would have added a Keytel estimate on top.
    const net = deviceFileNetKcal(12, 126, RIDE_DATE);
    const day = await dayWhen(h, user, RIDE_DATE, (d) => near(net, 0.5)(d.active_kcal), "the ride to count once");
    expect(day.active_kcal).toBe(Math.round(net));
    expect(day.burned_kcal).toBeCloseTo(bmrOn(RIDE_DATE) + net, 0);
    const breakdown = day.breakdown?.workouts ?? [];
    expect(breakdown.filter((w) => w.counted).map((w) => w.id)).toEqual([rows.tcx?.id]);
  });
});

describe("a device workout and a phone app's copy", () => {
  it("the watch counts; a source priority hands the count to the phone and back, with the day's numbers", async () => {
    const { user, fit } = await userWithFitRun();
    // The same run as a phone app logged it: a minute late, its own energy figure (active, not gross).
    const phoneKcal = 520;
    const startMs = Date.parse(fit.start) + 60_000;
    await sync(h, user, {
      workouts: [
        {
          external_id: "runkeeper-123",
          activity_type: "Running",
          start: new Date(startMs).toISOString(),
          end: new Date(startMs + 27 * 60_000).toISOString(),
          active_energy_kcal: phoneKcal,
          distance_m: 5400,
          source: { name: "Runkeeper", device_type: "phone" },
        },
      ],
    });
    const phoneId = (await workoutsOn(h, user, FENIX_RUN_DATE)).find((w) => w.source.name === "Runkeeper")?.id ?? "";
    expect(await workoutDetail(h, user, phoneId)).toMatchObject({ counted: false, duplicate_of: fit.id });
    const fitNet = deviceFileNetKcal(FENIX_RUN_KCAL, fit.duration_s, FENIX_RUN_DATE);
    await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the watch's run to count");

    const phoneSource = await sourceIdNamed(h, user, "Runkeeper");
    await setPriority(h, user, phoneSource, -1);
    expect(await workoutDetail(h, user, phoneId)).toMatchObject({ counted: true, duplicate_of: null });
    expect(await workoutDetail(h, user, fit.id)).toMatchObject({
      counted: false,
      duplicate_of: phoneId,
      duplicate_reason: `duplicate of ${phoneId} (same activity from a higher-priority source)`,
    });
    const flipped = await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(phoneKcal)(d.active_kcal), "the phone's copy to count instead");
    expect(flipped.burned_kcal).toBeCloseTo(bmrOn(FENIX_RUN_DATE) + phoneKcal, 0);
    expect(flipped.breakdown?.workouts.find((w) => w.id === phoneId)).toMatchObject({ counted: true, energy_kcal: phoneKcal });

    await setPriority(h, user, phoneSource, null);
    expect(await workoutDetail(h, user, fit.id)).toMatchObject({ counted: true, duplicate_of: null });
    await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the watch's run to count again");
  });
});

describe("HIIT once per activity", () => {
  const DATE = "2026-11-20";
  const START_MS = Date.parse(`${DATE}T17:00:00Z`);

  it("the watch's session and Strava's copy of it are one HIIT session, on whichever record counts", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", hr_max_bpm: 185 });
    const hr = tenBy60(START_MS);
    const watch = syncWorkout(hr);
    const strava = { ...syncWorkout(hr), source: { name: "Strava", device_type: "app" } };
    await sync(h, user, { workouts: [watch, strava] });
    const ids = Object.fromEntries((await workoutsOn(h, user, DATE)).map((w) => [w.source.name, w]));
    expect(ids.Watch?.counted).toBe(true);
    expect(ids.Strava).toMatchObject({ counted: false, duplicate_of: ids.Watch?.id });

    const sessions = await settledSessions(h, user, DATE, DATE);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.workout_id).toBe(ids.Watch?.id);
    expect(sessions[0]?.intervals).toHaveLength(10);
    await settledDayHiitCount(h, user, DATE, 1);

    await setPriority(h, user, await sourceIdNamed(h, user, "Strava"), -1);
    const moved = await settledSessions(h, user, DATE, DATE);
    expect(moved.map((s) => s.workout_id)).toEqual([ids.Strava?.id]);
    await settledDayHiitCount(h, user, DATE, 1);
  });
});

describe("multisport", () => {
  it("every leg of a triathlon file counts: swim, transitions, bike and run are not copies of each other", async () => {
    const user = await h.createUser(PERSON);
    await importFixture(h, user, TRIATHLON_FIT);
    const legs = await workoutsOn(h, user, "2018-05-27");
    expect(legs.map((w) => w.activity_type).sort()).toEqual(["cycling", "running", "swimming", "transition", "transition"]);
    expect(legs.every((w) => w.counted && w.duplicate_of === null)).toBe(true);
    const expected = legs.reduce((sum, w) => sum + deviceFileNetKcal(w.active_energy_kcal ?? 0, w.duration_s, "2018-05-27"), 0);
    const day = await dayWhen(h, user, "2018-05-27", (d) => near(expected, 1)(d.active_kcal), "all five legs to count");
    expect(day.breakdown?.workouts.filter((w) => w.counted)).toHaveLength(5);
  });
});

describe("rows stored before grouping existed", () => {
  it("are grouped by the regroup every worker start queues, and the day counts the activity once", async () => {
    const { user, fit } = await userWithFitRun();
    await importFile(h, user, tcxCopyOf(fit, "Fenix 5 X"));
    const fitNet = deviceFileNetKcal(FENIX_RUN_KCAL, fit.duration_s, FENIX_RUN_DATE);
    await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the run to count once");
    // As an older version stored them: no grouping at all, so the day counted both.
    await h.deps.sql`update workouts set duplicate_of = null, duplicate_reason = null where user_id = ${user.id}`;
    expect((await workoutsOn(h, user, FENIX_RUN_DATE)).every((w) => w.counted)).toBe(true);
    await enqueueDayRecomputes(h.deps, user.id, [FENIX_RUN_DATE]);
    await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(2 * fitNet)(d.active_kcal), "the ungrouped day to count the run twice");

    expect(await enqueueRegroupForAllUsers(h.deps)).toBeGreaterThanOrEqual(1);
    const regrouped = await waitFor(
      async () => {
        const workouts = await workoutsOn(h, user, FENIX_RUN_DATE);
        return workouts.filter((w) => w.counted).length === 1 ? workouts : undefined;
      },
      20_000,
      "the start-up regroup",
    );
    expect(regrouped.find((w) => w.counted)?.id).toBe(fit.id);
    const day = await dayWhen(h, user, FENIX_RUN_DATE, (d) => near(fitNet)(d.active_kcal), "the day to count the run once again");
    expect(day.breakdown?.workouts.filter((w) => w.counted).map((w) => w.id)).toEqual([fit.id]);
  });
});
