import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mifflinStJeorBmrKcal } from "../../../src/domain/energy/bmr.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { hourly, meal, settledDays, sync, watch } from "./energy-test-kit.js";

// 12:00Z is 13:00 in Berlin: 2026-11-24 is the profile zone's current local day.
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

const PROFILE = { sex: "female", birth_date: "1990-06-15", height_cm: 165, weight_kg: 62, time_zone: "Europe/Berlin" };
const BMR = mifflinStJeorBmrKcal({ sex: "female", weightKg: 62, heightCm: 165, ageYears: 36 });

interface WorkoutBody {
  id: string;
  local_date: string;
}

async function workoutsOf(user: TestUser): Promise<WorkoutBody[]> {
  const body = await readJson<{ workouts: WorkoutBody[] }>(await h.request("/v1/workouts?from=2026-11-15&to=2026-11-25", { key: user.apiKey }));
  return body.workouts;
}

async function breakdownWorkouts(user: TestUser, date: string) {
  const body = await readJson<{ breakdown: { workouts: { id: string; local_date: string; day_fraction: number; energy_kcal: number }[] } }>(
    await h.request(`/v1/days/${date}`, { key: user.apiKey }),
  );
  return body.breakdown.workouts;
}

describe("one day for a record, everywhere", () => {
  it("a triathlon run leg at −10:00 is counted on the date /v1/workouts lists it under, not the profile zone's", async () => {
    const user = await h.createUser(PROFILE);
    // 2026-11-20 20:00 at −10:00 is 2026-11-21 07:00 in Berlin.
    await sync(h, user, {
      samples: [],
      workouts: [
        { activity_type: "running", start: "2026-11-20T20:00:00-10:00", end: "2026-11-20T21:00:00-10:00", active_energy_kcal: 600, source: watch },
      ],
    });
    const [workout] = await workoutsOf(user);
    expect(workout?.local_date).toBe("2026-11-20");
    const days = await settledDays(h, user, "2026-11-20", "2026-11-21", (d) => d.every((x) => x.computed_at !== null));
    // The watch's energy for the session is active energy: all 600 kcal on the 20th, none on Berlin's 21st.
    expect(days.map((d) => [d.date, d.active_kcal])).toEqual([
      ["2026-11-20", 600],
      ["2026-11-21", 0],
    ]);
    expect(days[0]?.basal_kcal).toBeCloseTo(BMR, 0);
    expect((await breakdownWorkouts(user, "2026-11-20")).map((w) => [w.id, w.local_date, w.day_fraction])).toEqual([[workout?.id, "2026-11-20", 1]]);
    expect(await breakdownWorkouts(user, "2026-11-21")).toEqual([]);
  });

  it("a workout across its own local midnight is split by time for energy and listed under its start date", async () => {
    const user = await h.createUser(PROFILE);
    // 23:00 → 01:00 at −10:00, 800 kcal: 400 on each local date.
    await sync(h, user, {
      samples: [],
      workouts: [
        { activity_type: "cycling", start: "2026-11-20T23:00:00-10:00", end: "2026-11-21T01:00:00-10:00", active_energy_kcal: 800, source: watch },
      ],
    });
    const [workout] = await workoutsOf(user);
    expect(workout?.local_date).toBe("2026-11-20");
    const days = await settledDays(h, user, "2026-11-20", "2026-11-22", (d) => d.slice(0, 2).every((x) => x.computed_at !== null));
    expect(days.map((d) => [d.date, d.active_kcal])).toEqual([
      ["2026-11-20", 400],
      ["2026-11-21", 400],
      ["2026-11-22", null],
    ]);
    for (const date of ["2026-11-20", "2026-11-21"]) {
      expect((await breakdownWorkouts(user, date)).map((w) => [w.local_date, w.day_fraction, w.energy_kcal])).toEqual([["2026-11-20", 0.5, 400]]);
    }
  });

  it("today (profile zone, injected clock) is in_progress: shown so far, never in the summary", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, {
      samples: [
        ...hourly("basal_energy", "2026-11-23T00:00:00+01:00", 60),
        ...hourly("active_energy", "2026-11-23T00:00:00+01:00", 20),
        meal("2026-11-23T12:00:00+01:00", 1500),
        ...hourly("basal_energy", "2026-11-24T00:00:00+01:00", 60, watch, 13),
        meal("2026-11-24T08:00:00+01:00", 400),
      ],
      workouts: [],
    });
    const days = await settledDays(h, user, "2026-11-23", "2026-11-25", (d) => d[1]?.computed_at !== null);
    expect(days.map((d) => [d.date, d.status, d.burned_kcal])).toEqual([
      ["2026-11-23", "complete", 1920],
      ["2026-11-24", "in_progress", 780],
      ["2026-11-25", "in_progress", null],
    ]);
    const summary = await readJson<{ days_used: number; mean_deficit_kcal: number; excluded: { date: string; reason: string }[] }>(
      await h.request("/v1/summary?from=2026-11-23&to=2026-11-24", { key: user.apiKey }),
    );
    expect(summary.days_used).toBe(1);
    expect(summary.mean_deficit_kcal).toBe(420);
    expect(summary.excluded).toEqual([{ date: "2026-11-24", reason: "in progress: the day is not over yet" }]);
  });
});
