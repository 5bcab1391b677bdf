import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";
import { analysesOf, type SessionBody, settledSessions, workoutHiit } from "./hiit-test-kit.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

/** Uploads one file for a fresh user and waits for the import and then for HIIT detection to settle. */
async function importFile(file: string, profile: Record<string, unknown>) {
  const user = await h.createUser({ time_zone: "UTC", ...profile });
  const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture(file)));
  expect((await settledImport(h, user.apiKey, queued.id)).status).toBe("completed");
  const [workout] = await h.deps.sql<{ id: string; localDate: string }[]>`
    select id, local_date::text as "localDate" from workouts where user_id = ${user.id}`;
  if (!workout) throw new Error(`${file}: no workout imported`);
  const sessions = await settledSessions(h, user, workout.localDate, workout.localDate);
  return { user, workoutId: workout.id, sessions, detail: await workoutHiit(h, user, workout.id) };
}

function expectSessionsOf(sessions: SessionBody[], workoutId: string, user: TestUser) {
  for (const s of sessions) {
    expect(s.workout_id).toBe(workoutId);
    expect(s.intervals.length).toBeGreaterThanOrEqual(3);
    expect(Date.parse(s.end)).toBeGreaterThan(Date.parse(s.start));
  }
  return user;
}

describe("HIIT detection runs after imports of real files", () => {
  it("TCX: python-tcxparser's 33-min run peaking at 189 bpm is vigorous but not intervals (observed HRmax 189)", async () => {
    const { user, sessions, detail } = await importFile("tcx/pytcxparser__test.tcx", { birth_date: "1976-06-15" });
    expect(sessions).toEqual([]);
    expect(detail).toMatchObject({ hiit: false, hiit_intervals: [] });
    const [analysis] = await analysesOf(h, user);
    expect(analysis).toMatchObject({ hrMaxSource: "observed", isHiit: false });
    expect(analysis?.hrMaxBpm).toBeCloseTo(189, 0);
  });

  it("FIT: a Garmin Edge 500 three-hour ride with repeated efforts above 85 % HRmax holds HIIT sessions", async () => {
    const { user, workoutId, sessions, detail } = await importFile("fit/pyfitparse__garmin-edge-500-activity.fit", { hr_max_bpm: 185 });
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expectSessionsOf(sessions, workoutId, user);
    expect(sessions.every((s) => s.hr_max_bpm === 185 && s.threshold_bpm === 157.3)).toBe(true);
    expect(detail.hiit).toBe(true);
    expect(detail.hiit_intervals).toHaveLength(sessions.reduce((n, s) => n + s.intervals.length, 0));
    expect((detail.intensity_minutes?.vigorous ?? 0) + (detail.intensity_minutes?.near_maximal ?? 0)).toBeGreaterThan(10);
  });

  it("FIT: a 28-min run with speed is resolved into one session (speed above the runner's estimated critical speed)", async () => {
    const { user, workoutId, sessions, detail } = await importFile("fit/fitfileparser__running-with-developer-data.fit", {
      birth_date: "1976-06-15",
    });
    expect(sessions).toHaveLength(1);
    expectSessionsOf(sessions, workoutId, user);
    // Heart rate alone finds 5 bouts here; the speed stream resolves 6.
    expect(sessions[0]?.intervals).toHaveLength(6);
    expect(detail.hiit).toBe(true);
    expect((await analysesOf(h, user))[0]?.hrMaxSource).toBe("tanaka");
  });

  it("FIT with power: on a 3.7-h Wahoo ELEMNT road ride, power resolves intervals only where heart rate reached work", async () => {
    // Power alone chains the ride's ordinary surges into 14 "sessions"; kept to HR's work stretches, 3 remain.
    const { user, workoutId, sessions, detail } = await importFile("fit/pyfitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit", {
      hr_max_bpm: 185,
    });
    expect(sessions).toHaveLength(3);
    expectSessionsOf(sessions, workoutId, user);
    expect(detail.hiit).toBe(true);
  });

  it("FIT: a one-minute Garmin fenix 5 run with 21 HR points is analysed and is not HIIT", async () => {
    const { user, sessions, detail } = await importFile("fit/pyfitparse__garmin-fenix-5-run.fit", { hr_max_bpm: 190 });
    expect(sessions).toEqual([]);
    expect(detail.hiit).toBe(false);
    expect(detail.intensity_minutes?.very_light).toBeGreaterThan(0.5);
    expect(await analysesOf(h, user)).toHaveLength(1);
  });

  it("FIT without heart rate (power and speed only) is not analysed: hiit is null", async () => {
    const { user, sessions, detail } = await importFile("fit/fitfileparser__test.fit", { hr_max_bpm: 185 });
    expect(sessions).toEqual([]);
    expect(detail.hiit).toBeNull();
    expect(await analysesOf(h, user)).toEqual([]);
  });
});
