import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mifflinStJeorBmrKcal } from "../../../src/domain/energy/bmr.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
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

const PROFILE = { sex: "male", birth_date: "1985-02-03", height_cm: 180, weight_kg: 80 };
const watch = { name: "Watch", device_type: "watch" };

interface Day {
  date: string;
  basal_kcal: number | null;
  active_kcal: number | null;
  intake_kcal: number | null;
  deficit_kcal: number | null;
  status: string;
}

async function sync(user: TestUser, samples: object[]) {
  const res = await h.request("/v1/sync", {
    method: "POST",
    key: user.apiKey,
    headers: { "idempotency-key": randomUUID() },
    json: { samples, workouts: [] },
  });
  expect(res.status).toBe(200);
}

async function settled(user: TestUser, from: string, to: string, ready: (days: Day[]) => boolean = () => true): Promise<Day[]> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: Day[]; pending: boolean }>(await h.request(`/v1/days?from=${from}&to=${to}`, { key: user.apiKey }));
      return !body.pending && ready(body.days) ? body.days : undefined;
    },
    20_000,
    "days to settle",
  );
}

describe("local days, not UTC days", () => {
  it.each([
    ["Pacific/Apia", "2026-11-19T12:00:00Z", "2026-11-20"],
    ["Pacific/Honolulu", "2026-11-20T05:00:00Z", "2026-11-19"],
  ])("a user in %s: a sample at %s belongs to local %s", async (timeZone, startIso, expectedDate) => {
    const user = await h.createUser({ ...PROFILE, time_zone: timeZone });
    const endIso = new Date(Date.parse(startIso) + 30 * 60_000).toISOString();
    await sync(user, [{ type: "active_energy", start: startIso, end: endIso, value: 120, unit: "kcal", source: watch }]);
    const days = await settled(user, "2026-11-18", "2026-11-21", (d) => d.some((x) => x.active_kcal === 120));
    expect(days.filter((d) => d.active_kcal === 120).map((d) => d.date)).toEqual([expectedDate]);
  });

  it("a fall-back day is 25 hours long: the estimated BMR is pro-rated by 25/24", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "Europe/Berlin" });
    await sync(user, [
      { type: "steps", start: "2026-10-25T10:00:00+01:00", end: "2026-10-25T10:10:00+01:00", value: 100, unit: "count", source: watch },
    ]);
    const [day] = await settled(user, "2026-10-25", "2026-10-25", (d) => d[0]?.status !== "no_data");
    const bmr = mifflinStJeorBmrKcal({ sex: "male", weightKg: 80, heightCm: 180, ageYears: 41 });
    expect(day?.basal_kcal).toBe(Math.round((bmr * 25) / 24));
  });

  it("summarizes complete logged days only, listing the rest with a reason", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "UTC" });
    const hourly = (type: string, date: string, value: number, unit = "kcal") =>
      Array.from({ length: 24 }, (_, hour) => ({
        type,
        start: new Date(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000).toISOString(),
        end: new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 1) * 3_600_000).toISOString(),
        value,
        unit,
        source: watch,
      }));
    const meal = (date: string, kcal: number) => ({
      type: "dietary_energy",
      start: `${date}T12:00:00Z`,
      end: `${date}T12:00:00Z`,
      value: kcal,
      unit: "kcal",
      source: { name: "Log", device_type: "app" },
    });
    await sync(user, [
      ...hourly("basal_energy", "2026-11-10", 75),
      ...hourly("active_energy", "2026-11-10", 25),
      meal("2026-11-10", 2000),
      ...hourly("basal_energy", "2026-11-11", 75),
      ...hourly("active_energy", "2026-11-11", 20),
      meal("2026-11-11", 2600),
      ...hourly("basal_energy", "2026-11-12", 75),
    ]);
    await settled(user, "2026-11-10", "2026-11-12", (d) => d.every((x) => x.status !== "no_data"));
    const summary = await readJson<Record<string, unknown>>(await h.request("/v1/summary?from=2026-11-10&to=2026-11-13", { key: user.apiKey }));
    // Day 1: 2400 burned − 2000 eaten = +400; day 2: 2280 − 2600 = −320; mean +40.
    expect(summary).toMatchObject({ days_used: 2, mean_deficit_kcal: 40, mean_burned_kcal: 2340, mean_intake_kcal: 2300, pending: false });
    expect(summary.excluded).toEqual([
      { date: "2026-11-12", reason: "intake not logged (unknown, not zero)" },
      { date: "2026-11-13", reason: "no wearable data" },
    ]);
  });
});

describe("exports end to end, from upload to /v1/days", () => {
  it("Apple Health: the running workout's day is computed from the profile (no device energy in the file)", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "America/Los_Angeles" });
    const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("apple-health/hk2sqlite__export.xml")));
    expect((await settledImport(h, user.apiKey, queued.id)).status).toBe("completed");
    const [day] = await settled(user, "2016-11-14", "2016-11-14", (d) => d[0]?.status !== "no_data");
    expect(day?.active_kcal).toBe(49);
    expect(day?.intake_kcal).toBeNull();
    expect(day?.basal_kcal).toBe(Math.round(mifflinStJeorBmrKcal({ sex: "male", weightKg: 80, heightCm: 180, ageYears: 31 })));
  });

  it("FIT: a Garmin run becomes the day's active energy, net of resting (the file's calories are gross)", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "UTC" });
    const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("fit/pyfitparse__garmin-fenix-5-run.fit")));
    expect((await settledImport(h, user.apiKey, queued.id)).status).toBe("completed");
    const [workout] = await h.deps.sql<{ localDate: string; kcal: number; durationS: number }[]>`
      select local_date::text as "localDate", active_energy_kcal as kcal, duration_s as "durationS" from workouts where user_id = ${user.id}`;
    expect(workout).toBeDefined();
    const date = workout?.localDate ?? "";
    const [day] = await settled(user, date, date, (d) => d[0]?.status !== "no_data");
    const bmr = mifflinStJeorBmrKcal({
      sex: "male",
      weightKg: 80,
      heightCm: 180,
      ageYears: Number(date.slice(0, 4)) - 1985 - (date.slice(5) < "02-03" ? 1 : 0),
    });
    const expectedNet = Math.max(0, (workout?.kcal ?? 0) - (bmr / 1440) * ((workout?.durationS ?? 0) / 60));
    expect(day?.active_kcal).toBeCloseTo(expectedNet, 0);
  });
});
