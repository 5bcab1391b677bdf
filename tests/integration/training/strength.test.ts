import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { dayWhen, importFixture, near, PERSON, workoutsOn } from "../workouts/activity-test-kit.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-30T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

interface SetBody {
  exercise: string;
  known_exercise: boolean;
  met_class: string;
  reps: number | null;
  weight_kg: number | null;
  duration_s: number | null;
  start_offset_s: number | null;
}
interface DetailBody {
  id: string;
  activity_type: string;
  local_date: string;
  duration_s: number;
  active_energy_kcal: number | null;
  counted: boolean;
  duplicate_of: string | null;
  source: { name: string; device_type: string };
  sets: SetBody[];
}

// A 75 kg person's back session, logged by hand on Monday 23 November 2026, 07:00–08:00 Berlin time.
const SESSION = {
  activity_type: "strength_training",
  start: "2026-11-23T07:00:00+01:00",
  end: "2026-11-23T08:00:00+01:00",
  sets: [
    { exercise: "push-up", reps: 10 },
    { exercise: "push_up", reps: 10 },
    { exercise: "Push Ups", reps: 10 },
    { exercise: "dumbbell_row", reps: 12, weight_kg: 10 },
    { exercise: "dumbbell_row", reps: 12, weight_kg: 10 },
    { exercise: "dumbbell_row", reps: 12, weight_kg: 10 },
    { exercise: "plank", duration_s: 60 },
    { exercise: "plank", duration_s: 60 },
    { exercise: "Turkish get-up", reps: 5, weight_kg: 16, met_class: "resistance_vigorous" },
  ],
};

// Worked by hand, (MET − 1) × 75 kg × h, each set's time (reps × 3 s, or its duration) plus the 90 s rest after it:
// push-ups 3 × (30 + 90) s at 3.8 → 21.0; rows 3 × (36 + 90) s at 3.5 → 19.6875; planks 2 × (60 + 90) s at 2.8 →
// 11.25; the get-up 15 s (last set, no rest) at 6.0 → 1.5625. 1,053 s under work of the logged hour: 53.5 kcal.
const SESSION_KCAL = 53.5;

async function logSession(user: TestUser, body: object = SESSION): Promise<{ status: number; workout: DetailBody }> {
  const res = await h.request("/v1/workouts", { method: "POST", key: user.apiKey, json: body });
  return { status: res.status, workout: await readJson<DetailBody>(res) };
}

async function detail(user: TestUser, id: string): Promise<DetailBody> {
  const res = await h.request(`/v1/workouts/${id}`, { key: user.apiKey });
  expect(res.status).toBe(200);
  return readJson<DetailBody>(res);
}

type DayWorkouts = { id: string; energy_kcal: number | null; method: string | null; counted: boolean }[];
const workoutsOf = (day: { breakdown: { workouts: unknown } | null }) => (day.breakdown?.workouts ?? []) as DayWorkouts;

describe("POST /v1/workouts: a strength session logged by hand", () => {
  it("stores it with its sets, idempotently, and counts its sets' energy in the day", async () => {
    const user = await h.createUser(PERSON);
    const first = await logSession(user);
    expect(first.status).toBe(201);
    expect(first.workout).toMatchObject({ activity_type: "strength_training", local_date: "2026-11-23", duration_s: 3600, active_energy_kcal: null });
    expect(first.workout.source).toMatchObject({ device_type: "manual" });
    expect(first.workout.sets.map((s) => [s.exercise, s.reps, s.weight_kg, s.duration_s])).toEqual([
      ["push_up", 10, null, null],
      ["push_up", 10, null, null],
      ["push_up", 10, null, null],
      ["dumbbell_row", 12, 10, null],
      ["dumbbell_row", 12, 10, null],
      ["dumbbell_row", 12, 10, null],
      ["plank", null, null, 60],
      ["plank", null, null, 60],
      ["Turkish get-up", 5, 16, null],
    ]);
    expect(first.workout.sets.at(-1)).toMatchObject({ known_exercise: false, met_class: "resistance_vigorous" });

    const again = await logSession(user);
    expect(again.status).toBe(200);
    expect(again.workout.id).toBe(first.workout.id);
    expect(await workoutsOn(h, user, "2026-11-23")).toHaveLength(1);

    const day = await dayWhen(h, user, "2026-11-23", (d) => workoutsOf(d).length === 1, "the day counts the session");
    const [counted] = workoutsOf(day);
    expect(counted).toMatchObject({ id: first.workout.id, method: "met", counted: true });
    expect(counted?.energy_kcal).toBe(Math.round(SESSION_KCAL));
  });

  it("a device figure wins over the sets' estimate", async () => {
    const user = await h.createUser(PERSON);
    const { workout } = await logSession(user, { ...SESSION, active_energy_kcal: 180 });
    expect(workout.active_energy_kcal).toBe(180);
    const day = await dayWhen(h, user, "2026-11-23", (d) => workoutsOf(d).length === 1, "the day counts the session");
    expect(workoutsOf(day)[0]).toMatchObject({ energy_kcal: 180, method: "workouts" });
  });

  it("rejects absurd sets one by one with a reason, and a workout without end or duration", async () => {
    const user = await h.createUser(PERSON);
    const res = await h.request("/v1/workouts", {
      method: "POST",
      key: user.apiKey,
      json: {
        ...SESSION,
        sets: [
          { exercise: "push_up", reps: 10_000 },
          { exercise: "deadlift", reps: 5, weight_kg: 2_000 },
          { exercise: "plank", duration_s: -30 },
          { exercise: "plank", duration_s: 45 },
        ],
      },
    });
    const problem = await expectProblem(res, 400, "VALIDATION_FAILED");
    const errors = problem.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(["sets[0].reps", "sets[1].weight_kg", "sets[2].duration_s"]);
    expect(errors[1]?.message).toContain("2000");
    const noEnd = await h.request("/v1/workouts", { method: "POST", key: user.apiKey, json: { activity_type: "yoga", start: SESSION.start } });
    expect(((await expectProblem(noEnd, 400)).errors as { path: string }[])[0]?.path).toBe("end");
    expect(await workoutsOn(h, user, "2026-11-23")).toHaveLength(0);
  });
});

describe("PATCH and DELETE /v1/workouts/{id}", () => {
  it("replaces the sets and recomputes the day; another user's workout is 404", async () => {
    const user = await h.createUser(PERSON);
    const { workout } = await logSession(user);
    const res = await h.request(`/v1/workouts/${workout.id}`, {
      method: "PATCH",
      key: user.apiKey,
      json: { sets: [{ exercise: "plank", duration_s: 120 }] },
    });
    expect(res.status).toBe(200);
    expect((await readJson<DetailBody>(res)).sets.map((s) => [s.exercise, s.duration_s])).toEqual([["plank", 120]]);
    // One 120 s plank at 2.8 MET: 1.8 × 75 × 120/3600 = 4.5 kcal.
    // The breakdown answers it to 1 kcal (4.5 stored); the stored day keeps the full figure.
    const day = await dayWhen(h, user, "2026-11-23", (d) => near(4.5, 0.5)(workoutsOf(d)[0]?.energy_kcal ?? null), "the day after the edit");
    expect([4, 5]).toContain(workoutsOf(day)[0]?.energy_kcal);
    const [stored] = await h.deps.sql<{ kcal: number }[]>`
      select (w->>'energy_kcal')::float8 as kcal from daily_energy, jsonb_array_elements(breakdown->'workouts') w
      where user_id = ${user.id} and local_date = '2026-11-23'`;
    expect(stored?.kcal).toBeCloseTo(4.5, 6);

    const other = await h.createUser(PERSON);
    await expectProblem(await h.request(`/v1/workouts/${workout.id}`, { method: "PATCH", key: other.apiKey, json: { sets: [] } }), 404);
    await expectProblem(await h.request(`/v1/workouts/${workout.id}`, { key: other.apiKey }), 404);

    const moved = await h.request(`/v1/workouts/${workout.id}`, {
      method: "PATCH",
      key: user.apiKey,
      json: { start: "2026-11-24T18:00:00+01:00", end: "2026-11-24T18:30:00+01:00", active_energy_kcal: 120 },
    });
    expect(await readJson<DetailBody>(moved)).toMatchObject({ local_date: "2026-11-24", duration_s: 1800, active_energy_kcal: 120 });
    await dayWhen(h, user, "2026-11-23", (d) => workoutsOf(d).length === 0, "the old day loses the session");

    expect((await h.request(`/v1/workouts/${workout.id}`, { method: "DELETE", key: user.apiKey })).status).toBe(204);
    await expectProblem(await h.request(`/v1/workouts/${workout.id}`, { key: user.apiKey }), 404);
  });
});

describe("sets through /v1/sync and Health Auto Export", () => {
  it("keeps the workout and its good sets, and names each impossible set", async () => {
    const user = await h.createUser(PERSON);
    const res = await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: {
        workouts: [
          {
            external_id: "gym-1",
            activity_type: "Traditional Strength Training",
            start: "2026-11-25T18:00:00+01:00",
            end: "2026-11-25T18:40:00+01:00",
            source: { name: "Ana's Apple Watch", device_type: "watch" },
            sets: [
              { exercise: "band seated row", reps: 15 },
              { exercise: "band_seated_row", reps: -1 },
              { exercise: "side jackknife", reps: 12, sets: 3 },
              { exercise: "Dumbbell swing", reps: 20, weight_kg: 12 },
            ],
          },
        ],
      },
    });
    const body = await readJson<{ accepted: number; rejected_items: { path: string; reason: string }[] }>(res);
    expect(body.accepted).toBe(1);
    expect(body.rejected_items.map((r) => r.path)).toEqual(["workouts[0].sets[1].reps", "workouts[0].sets[2]"]);
    const [listed] = await workoutsOn(h, user, "2026-11-25");
    const stored = await detail(user, listed?.id ?? "");
    expect(stored.sets.map((s) => [s.exercise, s.reps, s.weight_kg, s.met_class])).toEqual([
      ["band_seated_row", 15, null, "resistance_moderate"],
      ["dumbbell_swing", 20, 12, "kettlebell_swings"],
    ]);
  });

  it("takes sets on a Health Auto Export workout", async () => {
    const user = await h.createUser(PERSON);
    const res = await h.request("/v1/integrations/health-auto-export", {
      method: "POST",
      key: user.apiKey,
      json: {
        data: {
          workouts: [
            {
              id: "hae-gym-1",
              name: "Functional Strength Training",
              start: "2026-11-26 07:00:00 +0100",
              end: "2026-11-26 07:30:00 +0100",
              sets: [
                { exercise: "dumbbell lateral raise", reps: 12, weight_kg: 5 },
                { exercise: "reverse hip raise", reps: 15 },
                { exercise: "plank", reps: 2000 },
              ],
            },
          ],
        },
      },
    });
    expect(res.status).toBe(200);
    const body = await readJson<{ accepted: number; rejected_items: { path: string }[] }>(res);
    expect(body.accepted).toBe(1);
    expect(body.rejected_items.map((r) => r.path)).toEqual(["data.workouts[0].sets[2].reps"]);
    const [listed] = await workoutsOn(h, user, "2026-11-26");
    expect((await detail(user, listed?.id ?? "")).sets.map((s) => [s.exercise, s.reps, s.weight_kg])).toEqual([
      ["dumbbell_lateral_raise", 12, 5],
      ["reverse_hip_raise", 15, null],
    ]);
  });
});

describe("a real Garmin strength activity (FIT set messages)", () => {
  it("imports its 14 sets as the file holds them, and a hand log of the same session counts once", async () => {
    const user = await h.createUser({ ...PERSON, time_zone: "Europe/Helsinki" });
    await importFixture(h, user, "fit/fitanalyzer__garmin-strength-20748058539.fit");
    const [listed] = await workoutsOn(h, user, "2025-10-20");
    const fit = await detail(user, listed?.id ?? "");
    expect(fit).toMatchObject({ activity_type: "strength_training", active_energy_kcal: 141, counted: true });
    expect(fit.sets).toHaveLength(14);
    expect(fit.sets.map((s) => s.reps)).toEqual([15, 1, 1, 1, 8, 6, 6, 6, 6, 6, 6, 6, 6, 0]);
    expect(fit.sets.filter((s) => s.weight_kg === 14).map((s) => s.exercise)).toEqual(["bench_press", "unknown", "lunge", "squat", "unknown"]);
    expect(fit.sets[6]).toMatchObject({ exercise: "bench_press", reps: 6, weight_kg: 14, start_offset_s: 961 });

    // The same evening typed in by hand (20:44–21:15 Helsinki): one activity, the watch's record counts.
    const { workout: manual } = await logSession(user, {
      activity_type: "strength_training",
      start: "2025-10-20T20:44:00+03:00",
      end: "2025-10-20T21:15:00+03:00",
      sets: [{ exercise: "pull_up", reps: 15 }],
    });
    const grouped = await detail(user, manual.id);
    expect(grouped).toMatchObject({ counted: false, duplicate_of: fit.id });
    const day = await dayWhen(h, user, "2025-10-20", (d) => workoutsOf(d).length === 2 && workoutsOf(d).some((w) => !w.counted), "grouped");
    expect(
      workoutsOf(day)
        .filter((w) => w.counted)
        .map((w) => w.id),
    ).toEqual([fit.id]);

    const weekly = await readJson<{ weeks: { strength_sessions: number; sets: number }[] }>(
      await h.request("/v1/training/weekly?from=2025-10-20&to=2025-10-20", { key: user.apiKey }),
    );
    expect(weekly.weeks[0]).toMatchObject({ strength_sessions: 1, sets: 14 });
  });
});

interface WeekBody {
  week_start: string;
  strength_sessions: number;
  strength_days: string[];
  sets: number;
  muscle_groups: { muscle_group: string; sets: number; reps: number; volume_kg: number }[];
  moderate_minutes: number;
  vigorous_minutes: number;
  hiit_minutes: number;
  steps_per_day: { date: string; steps: number | null }[];
  mean_steps: number | null;
  who: { aerobic: { moderate_equivalent_min: number; met: boolean }; muscle_strengthening: { days: number; met: boolean } };
  guide: {
    back_exercises: { days: number; met: boolean };
    walking_more: { mean_steps: number | null; previous_week_mean_steps: number | null; met: boolean | null };
  };
}

describe("GET /v1/training/weekly", () => {
  it("sums the week's strength, minutes and steps against WHO 2020 and the guide", async () => {
    const user = await h.createUser(PERSON);
    await logSession(user);
    await logSession(user, { ...SESSION, start: "2026-11-25T07:00:00+01:00", end: "2026-11-25T08:00:00+01:00" });
    const watch = { name: "Ana's watch", device_type: "watch" };
    const steps = (date: string, value: number) => ({
      type: "steps",
      start: `${date}T10:00:00+01:00`,
      end: `${date}T11:00:00+01:00`,
      value,
      unit: "count",
      source: watch,
    });
    const res = await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: {
        samples: [steps("2026-11-17", 4000), steps("2026-11-18", 6000), steps("2026-11-23", 8000), steps("2026-11-24", 9000)],
        // 30 minutes of running at 6 mph (Compendium 12050, 9.3 MET): 30 vigorous minutes.
        workouts: [{ activity_type: "running", start: "2026-11-24T18:00:00+01:00", end: "2026-11-24T18:30:00+01:00", source: watch }],
      },
    });
    expect(res.status).toBe(200);

    const weekly = await waitForWeeks(user, "2026-11-23", "2026-11-29");
    expect(weekly).toHaveLength(1);
    const [week] = weekly;
    expect(week).toMatchObject({ week_start: "2026-11-23", strength_sessions: 2, strength_days: ["2026-11-23", "2026-11-25"], sets: 18 });
    const back = week?.muscle_groups.find((g) => g.muscle_group === "back");
    // 2 sessions × 3 rows of 12 × 10 kg.
    expect(back).toEqual({ muscle_group: "back", sets: 6, reps: 72, volume_kg: 720 });
    expect(week?.muscle_groups.find((g) => g.muscle_group === "unclassified")).toEqual({
      muscle_group: "unclassified",
      sets: 2,
      reps: 10,
      volume_kg: 160,
    });
    // Each session: push-ups 360 s and rows 378 s moderate (3.8 and 3.5 MET), the get-up's 15 s vigorous (6.0).
    expect(week?.moderate_minutes).toBeCloseTo(24.6, 6);
    expect(week?.vigorous_minutes).toBeCloseTo(30.5, 6);
    expect(week?.who.aerobic).toMatchObject({ moderate_equivalent_min: 85.6, met: false });
    expect(week?.who.muscle_strengthening).toEqual({ days: 2, target: 2, met: true });
    expect(week?.guide.back_exercises).toEqual({ days: 2, target: 2, met: true });
    expect(week?.steps_per_day.slice(0, 2)).toEqual([
      { date: "2026-11-23", steps: 8000 },
      { date: "2026-11-24", steps: 9000 },
    ]);
    expect(week?.guide.walking_more).toEqual({ mean_steps: 8500, previous_week_mean_steps: 5000, met: true });

    const other = await h.createUser(PERSON);
    const empty = await readJson<{ weeks: WeekBody[] }>(await h.request("/v1/training/weekly?from=2026-11-23&to=2026-11-29", { key: other.apiKey }));
    expect(empty.weeks[0]).toMatchObject({ strength_sessions: 0, sets: 0, muscle_groups: [] });
    await expectProblem(await h.request("/v1/training/weekly?from=2026-11-29&to=2026-11-23", { key: user.apiKey }), 400);
  });

  it("lists the catalogue with Compendium codes", async () => {
    const user = await h.createUser(PERSON);
    const body = await readJson<{ exercises: { key: string; compendium_code: string; met: number; guide: boolean; muscle_groups: string[] }[] }>(
      await h.request("/v1/exercises", { key: user.apiKey }),
    );
    expect(body.exercises.filter((e) => e.guide)).toHaveLength(8);
    expect(body.exercises.find((e) => e.key === "dumbbell_row")).toMatchObject({
      compendium_code: "02054",
      met: 3.5,
      muscle_groups: ["back", "arms"],
    });
    expect(body.exercises.find((e) => e.key === "plank")).toMatchObject({ compendium_code: "02024", met: 2.8 });
  });
});

async function waitForWeeks(user: TestUser, from: string, to: string): Promise<WeekBody[]> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const body = await readJson<{ weeks: WeekBody[]; pending: boolean }>(
      await h.request(`/v1/training/weekly?from=${from}&to=${to}`, { key: user.apiKey }),
    );
    const stepsIn = body.weeks[0]?.steps_per_day.some((d) => d.steps !== null);
    if (!body.pending && stepsIn) return body.weeks;
    if (Date.now() > deadline) throw new Error(`weeks never settled: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
