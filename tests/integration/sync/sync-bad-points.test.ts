import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const watch = { name: "Ana's Garmin", device_type: "watch" };
const START_MS = Date.parse("2026-11-23T17:00:00Z");

interface SyncAnswer {
  accepted: number;
  rejected: number;
  rejected_items: { index: number; path: string; reason: string }[];
  dropped_points: { index: number; path: string; heart_rate: number; speed: number; power: number }[];
}

interface WorkoutBody {
  id: string;
  duration_s: number;
  avg_hr_bpm: number | null;
  max_hr_bpm: number | null;
  avg_hr_source: string | null;
  max_hr_source: string | null;
  duration_source: string | null;
  energy_source: string | null;
  distance_source: string | null;
  hr_sample_count: number;
  hr_points_dropped: number;
  heart_rate: { t: string; bpm: number }[];
}

/** 1,801 one-second readings, 120..149 bpm, with an optical dropout (0 bpm) at second 900. */
function thirtyMinutesOfHeartRate() {
  return Array.from({ length: 1801 }, (_, i) => ({
    t: new Date(START_MS + i * 1000).toISOString(),
    bpm: i === 900 ? 0 : 120 + (i % 30),
  }));
}

async function sync(apiKey: string, workouts: unknown[]): Promise<SyncAnswer> {
  const res = await h.request("/v1/sync", { method: "POST", key: apiKey, headers: { "idempotency-key": randomUUID() }, json: { workouts } });
  expect(res.status).toBe(200);
  return readJson<SyncAnswer>(res);
}

async function onlyWorkout(apiKey: string): Promise<WorkoutBody> {
  const list = await readJson<{ workouts: { id: string }[] }>(await h.request("/v1/workouts?from=2026-11-23&to=2026-11-23", { key: apiKey }));
  expect(list.workouts).toHaveLength(1);
  return readJson<WorkoutBody>(await h.request(`/v1/workouts/${list.workouts[0]?.id ?? ""}`, { key: apiKey }));
}

describe("/v1/sync: one impossible heart-rate point no longer costs the whole workout", () => {
  it("keeps the workout and its 1,800 good points, drops the 0 bpm one and says so", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const answer = await sync(user.apiKey, [
      {
        external_id: "run-with-dropout",
        activity_type: "running",
        start: "2026-11-23T17:00:00Z",
        end: "2026-11-23T17:30:00Z",
        source: watch,
        heart_rate: thirtyMinutesOfHeartRate(),
      },
    ]);
    expect(answer).toMatchObject({ accepted: 1, rejected: 0, rejected_items: [] });
    expect(answer.dropped_points).toEqual([{ index: 0, path: "workouts[0]", heart_rate: 1, speed: 0, power: 0 }]);

    const workout = await onlyWorkout(user.apiKey);
    expect(workout.hr_sample_count).toBe(1800);
    expect(workout.heart_rate).toHaveLength(1800);
    expect(workout.hr_points_dropped).toBe(1);
    expect(workout.heart_rate.some((p) => p.bpm === 0)).toBe(false);
    // No summary was sent, so the 1,800 kept points give the average and maximum.
    const kept = thirtyMinutesOfHeartRate().filter((p) => p.bpm !== 0);
    expect(workout.avg_hr_bpm).toBeCloseTo(kept.reduce((sum, p) => sum + p.bpm, 0) / kept.length, 3);
    expect(workout).toMatchObject({ max_hr_bpm: 149, avg_hr_source: "samples", max_hr_source: "samples" });
    expect(workout).toMatchObject({ duration_s: 1800, duration_source: "device", energy_source: null, distance_source: null });
  });

  it("keeps the summary the client sent as the device's, and still rejects a workout that ends before it starts", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const answer = await sync(user.apiKey, [
      {
        activity_type: "running",
        start: "2026-11-23T17:00:00Z",
        end: "2026-11-23T17:30:00Z",
        duration_s: 1740,
        avg_hr_bpm: 130,
        max_hr_bpm: 171,
        active_energy_kcal: 410,
        distance_m: 6020,
        source: watch,
        heart_rate: thirtyMinutesOfHeartRate(),
      },
      { activity_type: "running", start: "2026-11-23T18:30:00Z", end: "2026-11-23T18:00:00Z", source: watch },
    ]);
    expect(answer).toMatchObject({ accepted: 1, rejected: 1 });
    expect(answer.rejected_items).toEqual([
      { index: 1, path: "workouts[1].end", reason: "The workout was not imported: its end is before its start." },
    ]);
    const workout = await onlyWorkout(user.apiKey);
    expect(workout).toMatchObject({
      avg_hr_bpm: 130,
      max_hr_bpm: 171,
      avg_hr_source: "device",
      max_hr_source: "device",
      duration_s: 1740,
      duration_source: "device",
      energy_source: "device",
      distance_source: "device",
      hr_points_dropped: 1,
    });
  });

  it("the Health Auto Export push drops a 0 bpm minute too, keeps the app's summary and says which workout lost it", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const minute = (time: string, avg: number) => ({ date: `2026-11-23 ${time} +0000`, Min: avg, Avg: avg, Max: avg, units: "bpm" });
    const payload = {
      data: {
        workouts: [
          { name: "Walking", start: "2026-11-23 09:00:00 +0000", end: "2026-11-23 08:00:00 +0000" },
          {
            id: "W2",
            name: "Outdoor Run",
            start: "2026-11-23 17:00:00 +0000",
            end: "2026-11-23 17:03:00 +0000",
            avgHeartRate: { qty: 131, units: "bpm" },
            heartRateData: [minute("17:00:00", 120), minute("17:01:00", 0), minute("17:02:00", 150)],
          },
        ],
      },
    };
    const res = await h.request("/v1/integrations/health-auto-export", { method: "POST", key: user.apiKey, json: payload });
    expect(res.status).toBe(200);
    const answer = await readJson<SyncAnswer>(res);
    expect(answer).toMatchObject({ accepted: 1, rejected: 1 });
    expect(answer.dropped_points).toEqual([{ index: 1, path: "data.workouts[1]", heart_rate: 1, speed: 0, power: 0 }]);
    const workout = await onlyWorkout(user.apiKey);
    expect(workout).toMatchObject({ avg_hr_bpm: 131, avg_hr_source: "device", max_hr_bpm: 150, max_hr_source: "samples", hr_points_dropped: 1 });
  });
});
