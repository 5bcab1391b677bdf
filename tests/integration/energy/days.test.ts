import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mifflinStJeorBmrKcal } from "../../../src/domain/energy/bmr.js";
import { keytelNetKcal } from "../../../src/domain/energy/keytel.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

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
const watch = { name: "Watch", device_type: "watch" };
const phone = { name: "Phone", device_type: "phone" };

/** Hourly samples over a local Berlin day given as [startIso, endIso) with +01:00 (winter) offsets. */
function hourly(type: string, date: string, value: number, source: object, unit = "kcal") {
  return Array.from({ length: 24 }, (_, hour) => {
    const start = new Date(Date.parse(`${date}T00:00:00+01:00`) + hour * 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    return { type, start: start.toISOString(), end: end.toISOString(), value, unit, source };
  });
}

async function sync(user: TestUser, body: object) {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: body });
  expect(res.status).toBe(200);
  return readJson<{ accepted: number; rejected: number }>(res);
}

interface DayBody {
  date: string;
  basal_kcal: number | null;
  active_kcal: number | null;
  burned_kcal: number | null;
  intake_kcal: number | null;
  deficit_kcal: number | null;
  steps: number | null;
  status: string;
  coverage_hours: number;
  intake_status: string;
  sources: { basal: string; active: string };
}

async function settledDays(user: TestUser, from: string, to: string): Promise<DayBody[]> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: DayBody[]; pending: boolean }>(await h.request(`/v1/days?from=${from}&to=${to}`, { key: user.apiKey }));
      return body.pending || body.days.some((d) => d.status === "no_data") ? undefined : body.days;
    },
    20_000,
    "days to settle",
  );
}

describe("daily energy from synced data", () => {
  it("device basal + active, a watch workout and an overlapping phone: no double counting", async () => {
    const user = await h.createUser(PROFILE);
    const date = "2026-11-20";
    const result = await sync(user, {
      samples: [
        ...hourly("basal_energy", date, 70, watch),
        ...hourly("active_energy", date, 20, watch),
        ...hourly("active_energy", date, 10, phone),
        ...hourly("steps", date, 400, watch, "count"),
        ...hourly("steps", date, 300, phone, "count"),
        {
          type: "dietary_energy",
          start: `${date}T13:00:00+01:00`,
          end: `${date}T13:00:00+01:00`,
          value: 2000,
          unit: "kcal",
          source: { name: "MyFitnessPal", device_type: "app" },
        },
      ],
      workouts: [
        { activity_type: "running", start: `${date}T18:00:00+01:00`, end: `${date}T18:45:00+01:00`, active_energy_kcal: 300, source: watch },
      ],
    });
    expect(result.rejected).toBe(0);
    const [day] = await settledDays(user, date, date);
    expect(day).toMatchObject({
      date,
      basal_kcal: 1680,
      active_kcal: 480,
      burned_kcal: 2160,
      intake_kcal: 2000,
      deficit_kcal: 160,
      steps: 9600,
      status: "complete",
      coverage_hours: 24,
      intake_status: "logged",
      sources: { basal: "device", active: "device" },
    });
    const detail = await readJson<{ breakdown: { workouts: { counted: boolean; reason: string }[] } }>(
      await h.request(`/v1/days/${date}`, { key: user.apiKey }),
    );
    expect(detail.breakdown.workouts).toEqual([expect.objectContaining({ counted: false, reason: "already inside the device's active energy" })]);
  });

  it("without device energy: Mifflin BMR plus net estimates; unlogged intake stays unknown", async () => {
    const user = await h.createUser(PROFILE);
    const date = "2026-11-21";
    await sync(user, { samples: hourly("steps", date, 500, watch, "count"), workouts: [] });
    const [day] = await settledDays(user, date, date);
    const bmr = mifflinStJeorBmrKcal({ sex: "female", weightKg: 62, heightCm: 165, ageYears: 36 });
    expect(day?.basal_kcal).toBe(Math.round(bmr));
    expect(day).toMatchObject({
      intake_kcal: null,
      deficit_kcal: null,
      status: "no_intake",
      intake_status: "unlogged",
      sources: { basal: "estimated_bmr", active: "steps" },
    });
    // 12,000 steps × 0.413 × 1.65 m × 0.5 kcal/kg/km × 62 kg
    expect(day?.active_kcal).toBeCloseTo((12_000 * 0.413 * 1.65 * 0.5 * 62) / 1000, 0);
  });

  it("a heart-rate workout without energy is estimated with Keytel, net of resting, and its minutes' steps are not added again", async () => {
    const user = await h.createUser(PROFILE);
    const date = "2026-11-22";
    const start = Date.parse(`${date}T07:00:00+01:00`);
    const heartRate = Array.from({ length: 31 }, (_, minute) => ({ t: new Date(start + minute * 60_000).toISOString(), bpm: 150 }));
    await sync(user, {
      samples: hourly("steps", date, 500, watch, "count"),
      workouts: [{ activity_type: "running", start: `${date}T07:00:00+01:00`, end: `${date}T07:30:00+01:00`, source: watch, heart_rate: heartRate }],
    });
    const [day] = await settledDays(user, date, date);
    const bmr = mifflinStJeorBmrKcal({ sex: "female", weightKg: 62, heightCm: 165, ageYears: 36 });
    const workoutKcal = keytelNetKcal({ sex: "female", hrBpm: 150, weightKg: 62, ageYears: 36, bmrKcalPerDay: bmr, durationMin: 30 });
    // The 07:00–08:00 sample's 500 steps are half inside the workout: 11,750 steps count.
    const stepsKcal = (11_750 * 0.413 * 1.65 * 0.5 * 62) / 1000;
    expect(workoutKcal).toBeGreaterThan(100);
    expect(day?.sources).toEqual({ basal: "estimated_bmr", active: "heart_rate+steps" });
    expect(day?.active_kcal).toBeCloseTo(workoutKcal + stepsKcal, 0);
  });

  it("splits a sample that crosses local midnight across both days by duration", async () => {
    const user = await h.createUser(PROFILE);
    await sync(user, {
      samples: [
        { type: "active_energy", start: "2026-11-18T23:00:00+01:00", end: "2026-11-19T01:00:00+01:00", value: 100, unit: "kcal", source: watch },
      ],
      workouts: [],
    });
    const days = await settledDays(user, "2026-11-18", "2026-11-19");
    expect(days.map((d) => d.active_kcal)).toEqual([50, 50]);
    expect(days.every((d) => d.status === "partial")).toBe(true);
  });

  it("a spring-forward day is 23 hours long: the estimated BMR is pro-rated", async () => {
    const user = await h.createUser(PROFILE);
    const date = "2026-03-29";
    await sync(user, {
      samples: [{ type: "steps", start: "2026-03-29T10:00:00+02:00", end: "2026-03-29T10:10:00+02:00", value: 100, unit: "count", source: watch }],
      workouts: [],
    });
    const [day] = await settledDays(user, date, date);
    const bmr = mifflinStJeorBmrKcal({ sex: "female", weightKg: 62, heightCm: 165, ageYears: 35 });
    expect(day?.basal_kcal).toBe(Math.round((bmr * 23) / 24));
  });

  it("a per-user source priority decides which overlapping source counts, and recomputes the days", async () => {
    const user = await h.createUser(PROFILE);
    const date = "2026-11-10";
    await sync(user, { samples: [...hourly("steps", date, 400, watch, "count"), ...hourly("steps", date, 300, phone, "count")], workouts: [] });
    expect((await settledDays(user, date, date))[0]?.steps).toBe(9600);
    const { sources } = await readJson<{ sources: { id: number; name: string; effective_priority: number }[] }>(
      await h.request("/v1/sources", { key: user.apiKey }),
    );
    const phoneSource = sources.find((s) => s.name === "Phone");
    expect(phoneSource?.effective_priority).toBe(3);
    const patched = await h.request(`/v1/sources/${phoneSource?.id}`, { method: "PATCH", key: user.apiKey, json: { priority: -1 } });
    expect(patched.status).toBe(200);
    const steps = await waitFor(
      async () => {
        const body = await readJson<{ days: DayBody[]; pending: boolean }>(await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }));
        return !body.pending && body.days[0]?.steps === 7200 ? 7200 : undefined;
      },
      20_000,
      "the phone's steps to win",
    );
    expect(steps).toBe(7200);
    const other = await h.createUser(PROFILE);
    expect((await h.request(`/v1/sources/${phoneSource?.id}`, { method: "PATCH", key: other.apiKey, json: { priority: 0 } })).status).toBe(404);
  });

  it("answers one element per date and refuses ranges over 366 days", async () => {
    const user = await h.createUser(PROFILE);
    const body = await readJson<{ days: DayBody[] }>(await h.request("/v1/days?from=2026-01-01&to=2026-01-03", { key: user.apiKey }));
    expect(body.days.map((d) => [d.date, d.status, d.intake_kcal])).toEqual([
      ["2026-01-01", "no_data", null],
      ["2026-01-02", "no_data", null],
      ["2026-01-03", "no_data", null],
    ]);
    expect((await h.request("/v1/days?from=2025-01-01&to=2026-01-02", { key: user.apiKey })).status).toBe(400);
    expect((await h.request("/v1/days?from=2026-01-02&to=2026-01-01", { key: user.apiKey })).status).toBe(400);
  });
});
