import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weeklyProjections } from "../../../src/db/schema/index.js";
import { jacksonFatMassKg } from "../../../src/domain/energy/body-fat.js";
import { energyDensityOfChangeKcalPerKg } from "../../../src/domain/projections/forbes.js";
import { observedWeekChangeKg } from "../../../src/domain/projections/week-facts.js";
import { enqueue } from "../../../src/jobs/enqueue.js";
import { addDays } from "../../../src/lib/calendar.js";
import { enqueueWeekProjections } from "../../../src/modules/projections/projection-requests.service.js";
import { registerAllUserSchedules, startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

let h: Harness;
let pool: WorkerPool;
let userBeforeStart: TestUser;
beforeAll(async () => {
  // Tuesday 2026-12-01: every November day is over in Berlin.
  h = await createHarness({}, { clock: fixedClock("2026-12-01T12:00:00Z") });
  userBeforeStart = await h.createUser({ time_zone: "Australia/Sydney" });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const PROFILE = { sex: "male", birth_date: "1991-01-01", height_cm: 180, weight_kg: 92, time_zone: "Europe/Berlin" };
const watch = { name: "Watch", device_type: "watch" };
const scale = { name: "Scale", device_type: "scale" };
const app = { name: "MyFitnessPal", device_type: "app" };
const FIRST_DAY = "2026-11-02"; // Monday; weeks 11-02, 11-09, 11-16, 11-23
const WEEKS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
const BURN_KCAL = 24 * 70 + 24 * 40;
const weightOn = (i: number) => 90 - 0.05 * i;

interface Row {
  week_start: string;
  model: string;
  status: string;
  logged_days: number;
  mean_deficit_kcal: number | null;
  projected_change_kg: number | null;
  projected_change_lb: number | null;
  trajectory: { week: number; weight_kg: number; fat_mass_kg: number | null; lean_mass_kg: number | null }[];
  observed_change_kg: number | null;
  calibration_factor: number | null;
  flags: string[];
  inputs: Record<string, unknown>;
}

const at = (date: string, hh: number, offset = "+01:00") => `${date}T${String(hh).padStart(2, "0")}:00:00${offset}`;
const sample = (type: string, start: string, end: string, value: number, unit: string, source: object) => ({ type, start, end, value, unit, source });

function energyDay(date: string, offset = "+01:00") {
  return Array.from({ length: 24 }, (_, hour) => {
    const start = new Date(Date.parse(at(date, 0, offset)) + hour * 3_600_000).toISOString();
    const end = new Date(Date.parse(at(date, 0, offset)) + (hour + 1) * 3_600_000).toISOString();
    return [sample("basal_energy", start, end, 70, "kcal", watch), sample("active_energy", start, end, 40, "kcal", watch)];
  }).flat();
}

const meal = (date: string, kcal: number, hh = 13, offset = "+01:00") =>
  sample("dietary_energy", at(date, hh, offset), at(date, hh, offset), kcal, "kcal", app);

async function sync(user: TestUser, samples: object[]) {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: { samples } });
  expect(res.status).toBe(200);
  expect((await readJson<{ rejected: number }>(res)).rejected).toBe(0);
}

async function settledRows(user: TestUser, until: (rows: Row[]) => boolean, what: string): Promise<Row[]> {
  return waitFor(
    async () => {
      const res = await h.request(`/v1/projections/weekly?from=${FIRST_DAY}&to=2026-11-30`, { key: user.apiKey });
      const body = await readJson<{ weeks: Row[]; pending: boolean }>(res);
      return !body.pending && until(body.weeks) ? body.weeks : undefined;
    },
    45_000,
    what,
  );
}

function row(rows: Row[], weekStart: string, model: string): Row {
  const found = rows.find((r) => r.week_start === weekStart && r.model === model);
  if (!found) throw new Error(`no ${model} row for ${weekStart}`);
  return found;
}

describe("weekly projections from synced days", () => {
  let user: TestUser;
  const dates = Array.from({ length: 28 }, (_, i) => addDays(FIRST_DAY, i));
  const weights = dates.map((localDate, i) => ({ localDate, weightKg: weightOn(i) }));

  beforeAll(async () => {
    user = await h.createUser(PROFILE);
    // Intake 2140 (deficit 500) every day except Thursday–Sunday of the first week; a weigh-in every morning.
    await sync(user, [
      ...dates.flatMap((d) => energyDay(d)),
      ...dates.filter((_, i) => i < 3 || i >= 7).map((d) => meal(d, 2140)),
      ...dates.map((d, i) => sample("body_mass", at(d, 7), at(d, 7), weightOn(i), "kg", scale)),
    ]);
  });

  it("writes both models for every week; ≤ 3 logged days is insufficient_data", { timeout: 60_000 }, async () => {
    const rows = await settledRows(user, (r) => r.length === 8, "four weeks of rows");
    expect(rows.map((r) => `${r.week_start}/${r.model}`)).toEqual(WEEKS.flatMap((w) => [`${w}/dynamic`, `${w}/rule3500`]));
    for (const model of ["rule3500", "dynamic"]) {
      expect(row(rows, "2026-11-02", model)).toMatchObject({
        status: "insufficient_data",
        logged_days: 3,
        mean_deficit_kcal: null,
        trajectory: [],
        flags: ["insufficient_data"],
      });
    }
    const rule = row(rows, "2026-11-09", "rule3500");
    expect(rule).toMatchObject({ status: "projected", logged_days: 7, calibration_factor: null });
    expect(rule.mean_deficit_kcal).toBeCloseTo(500, 6);
    expect(rule.projected_change_lb).toBeCloseTo(-1, 9);
    expect(rule.projected_change_kg).toBe(-0.45); // −0.45359237 kg, answered to 0.01 kg
    expect(rule.trajectory).toHaveLength(13);
    expect(rule.trajectory[0]?.weight_kg).toBeCloseTo(weightOn(13), 2); // the week's last weigh-in (Sunday 11-15)
    expect(rule.trajectory[12]?.weight_kg).toBeCloseTo(weightOn(13) - 12 * 0.45359237, 2);
    const dynamic = row(rows, "2026-11-09", "dynamic");
    expect(dynamic.status).toBe("projected");
    expect(dynamic.trajectory).toHaveLength(13);
    expect(dynamic.trajectory[0]?.weight_kg).toBeCloseTo(weightOn(13), 2);
    expect(dynamic.trajectory[12]?.fat_mass_kg).toBeLessThan(dynamic.trajectory[0]?.fat_mass_kg ?? 0);
    expect(dynamic.flags).not.toContain("calibrated");
    expect(dynamic.inputs).toMatchObject({
      weight_source: "measured",
      body_fat_source: "jackson-2002",
      intake_change_kcal: Math.round(-500 / 0.9), // −555.6 kcal, answered to 1 kcal
    });
    expect(rule.observed_change_kg).toBeCloseTo(observedWeekChangeKg(weights, "2026-11-09") ?? Number.NaN, 2);
    expect(dynamic.observed_change_kg).toBe(rule.observed_change_kg);
  });

  it("calibrates once 14 days have both a weigh-in and a logged intake (10 by 11-15, 17 by 11-22)", async () => {
    const rows = await settledRows(user, (r) => r.length === 8, "rows");
    expect(row(rows, "2026-11-09", "dynamic").calibration_factor).toBeNull();
    const dynamic = row(rows, "2026-11-16", "dynamic");
    // Weights fall exactly 0.05 kg/day; ρ(F) at the latest weight's Jackson fat mass.
    const rho = energyDensityOfChangeKcalPerKg(jacksonFatMassKg({ sex: "male", ageYears: 35, heightCm: 180, weightKg: weightOn(20) }));
    const factor = (2140 + 0.05 * rho) / BURN_KCAL;
    expect(dynamic.calibration_factor).toBeCloseTo(factor, 6);
    expect(dynamic.flags).toContain("calibrated");
    expect(dynamic.inputs).toMatchObject({ calibration_applied: true, burn_used_kcal: Math.round(factor * BURN_KCAL) });
    expect(row(rows, "2026-11-16", "rule3500").flags).not.toContain("calibrated");
    const [stored] = await h.deps.db
      .select()
      .from(weeklyProjections)
      .where(and(eq(weeklyProjections.userId, user.id), eq(weeklyProjections.weekStart, "2026-11-16"), eq(weeklyProjections.model, "dynamic")));
    expect(stored?.inputs).toMatchObject({ calibration_applied: true, calibration: { days_with_weight_and_intake: 17 } });
  });

  it("a late sync into past weeks recomputes them and the weeks whose calibration window holds them", { timeout: 60_000 }, async () => {
    const before = await settledRows(user, (r) => r.length === 8, "rows");
    // Two more logged days in week 1, and a 700 kcal snack on Tuesday of week 2 (its deficit 500 → −200).
    await sync(user, [meal("2026-11-05", 2140), meal("2026-11-06", 2140), meal("2026-11-10", 700, 20)]);
    const rows = await settledRows(
      user,
      (r) => row(r, "2026-11-09", "rule3500").mean_deficit_kcal !== 500 && row(r, "2026-11-02", "dynamic").status === "projected",
      "the late data",
    );
    expect(row(rows, "2026-11-02", "rule3500")).toMatchObject({ status: "projected", logged_days: 5 });
    expect(row(rows, "2026-11-09", "rule3500").mean_deficit_kcal).toBeCloseTo((6 * 500 - 200) / 7, 6);
    expect(row(rows, "2026-11-09", "dynamic").mean_deficit_kcal).toBeCloseTo(400, 6);
    // Week 3's calibration window now holds 19 days of intake, one of them 2840 kcal.
    const rho = energyDensityOfChangeKcalPerKg(jacksonFatMassKg({ sex: "male", ageYears: 35, heightCm: 180, weightKg: weightOn(20) }));
    const meanIntakeKcal = (18 * 2140 + 2840) / 19;
    const dynamic = row(rows, "2026-11-16", "dynamic");
    expect(dynamic.calibration_factor).toBeCloseTo((meanIntakeKcal + 0.05 * rho) / BURN_KCAL, 6);
    expect(dynamic.calibration_factor).not.toBeCloseTo(row(before, "2026-11-16", "dynamic").calibration_factor ?? 0, 6);
    expect(rows).toHaveLength(8); // no rows for the week of 11-30, which has no days yet
  });
});

describe("jobs and schedules", () => {
  it("project-week is de-duplicated per (user, week): a burst leaves one delayed job", async () => {
    const user = await h.createUser(PROFILE);
    for (let i = 0; i < 5; i += 1) await enqueueWeekProjections(h.deps, user.id, ["2026-11-16", "2026-11-16"]);
    await enqueueWeekProjections(h.deps, user.id, ["2026-11-23"]);
    const delayed = await h.deps.queues.projections.getJobs(["delayed", "waiting", "active"], 0, -1);
    const mine = delayed.filter((j) => j?.name === "projections.project-week" && j.data?.userId === user.id).map((j) => j?.data?.weekStart);
    expect(mine.sort()).toEqual(["2026-11-16", "2026-11-23"]);
  });

  it("the Monday run projects the week just ended in the user's zone", { timeout: 60_000 }, async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "America/New_York" });
    await sync(
      user,
      ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"].flatMap((d) => [...energyDay(d, "-05:00"), meal(d, 2000, 13, "-05:00")]),
    );
    await settledRows(user, (r) => r.length === 2, "the week's rows");
    await h.deps.db.delete(weeklyProjections).where(eq(weeklyProjections.userId, user.id));
    await enqueue(h.deps, "projections.project-last-week", { userId: user.id });
    const rows = await settledRows(user, (r) => r.length === 2, "the scheduled run's rows");
    expect(rows.map((r) => [r.week_start, r.status, r.logged_days])).toEqual([
      ["2026-11-23", "projected", 4],
      ["2026-11-23", "projected", 4],
    ]);
  });

  it("every user gets a Monday scheduler in their zone (re-registered for all at worker start); a zone change moves it", {
    timeout: 60_000,
  }, async () => {
    const queue = h.deps.queues.projections;
    // A Redis that lost its schedulers: the worker-start pass puts them back.
    await queue.removeJobScheduler(`project-last-week-${userBeforeStart.id}`);
    expect(await queue.getJobScheduler(`project-last-week-${userBeforeStart.id}`)).toBeFalsy();
    await registerAllUserSchedules(h.deps);
    const scheduler = await queue.getJobScheduler(`project-last-week-${userBeforeStart.id}`);
    expect(scheduler).toMatchObject({ pattern: "15 3 * * 1", tz: "Australia/Sydney", name: "projections.project-last-week" });
    const user = await h.createUser({ ...PROFILE, time_zone: "Europe/Berlin" });
    expect(await queue.getJobScheduler(`project-last-week-${user.id}`)).toMatchObject({ tz: "Europe/Berlin" });
    expect((await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { time_zone: "Asia/Tokyo" } })).status).toBe(200);
    expect(await queue.getJobScheduler(`project-last-week-${user.id}`)).toMatchObject({ tz: "Asia/Tokyo" });
    const schedulers = await queue.getJobSchedulers(0, -1);
    expect(schedulers.filter((s) => s.key === `project-last-week-${user.id}`)).toHaveLength(1);
  });
});
