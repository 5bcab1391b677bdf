import { randomUUID } from "node:crypto";
import { and, asc, between, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyEnergy } from "../../../src/db/schema/index.js";
import { datesBetween } from "../../../src/lib/calendar.js";
import { localDayWindow } from "../../../src/lib/zone.js";
import { recomputeDay } from "../../../src/modules/energy/energy.service.js";
import { recomputeDays } from "../../../src/modules/energy/energy-range.service.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const PROFILE = { sex: "male", birth_date: "1985-03-02", height_cm: 180, weight_kg: 80, time_zone: "Europe/Berlin" };
const watch = { name: "Watch", device_type: "watch" };
const phone = { name: "Phone", device_type: "phone" };
const food = { name: "MyFitnessPal", device_type: "app" };
// 2026-10-25 is Berlin's 25-hour day (DST ends); the range spans two 31-day chunks.
const FROM = "2026-10-10";
const TO = "2026-11-16";
const HOUR = 3_600_000;

const isoAt = (ms: number) => new Date(ms).toISOString();

/** One user's several weeks of varied data, as a companion app would sync it. */
function yearSlice(): { samples: object[]; workouts: object[]; statuses: [string, string][] } {
  const samples: object[] = [];
  const workouts: object[] = [];
  const statuses: [string, string][] = [];
  datesBetween(FROM, TO).forEach((date, i) => {
    const w = localDayWindow(date, "Europe/Berlin");
    const hourly = (type: string, value: number, source: object, unit: string, fromHour = 0, toHour = Math.round(w.hours)) => {
      for (let hr = fromHour; hr < toHour; hr++) {
        samples.push({ type, start: isoAt(w.startMs + hr * HOUR), end: isoAt(w.startMs + (hr + 1) * HOUR), value, unit, source });
      }
    };
    if (i % 3 !== 2) {
      // Device energy on two days in three; the others are estimated from the profile.
      hourly("basal_energy", 70 + (i % 5), watch, "kcal", 0, i % 11 === 4 ? 10 : Math.round(w.hours));
      hourly("active_energy", 15 + (i % 7), watch, "kcal", 7, 22);
    }
    hourly("steps", 300 + 10 * i, watch, "count", 7, 22);
    hourly("steps", 250, phone, "count", 8, 10);
    hourly("heart_rate", 60 + (i % 9), watch, "bpm", 0, 24);
    // 23:30 → 00:30 across midnight, into the next day.
    samples.push({ type: "steps", start: isoAt(w.endMs - HOUR / 2), end: isoAt(w.endMs + HOUR / 2), value: 600, unit: "count", source: phone });
    if (i % 4 === 0)
      samples.push({
        type: "body_mass",
        start: isoAt(w.startMs + 7 * HOUR),
        end: isoAt(w.startMs + 7 * HOUR),
        value: 82 - i * 0.1,
        unit: "kg",
        source: { name: "Scale", device_type: "scale" },
      });
    if (i % 6 !== 5) {
      const meals = i % 10 === 7 ? [300] : [600, 800 + i, 700];
      meals.forEach((kcal, m) => {
        samples.push({
          type: "dietary_energy",
          start: isoAt(w.startMs + (8 + 5 * m) * HOUR),
          end: isoAt(w.startMs + (8 + 5 * m) * HOUR),
          value: kcal,
          unit: "kcal",
          source: food,
        });
      });
      if (i % 8 === 1) statuses.push([date, "complete"]);
      if (i % 8 === 3) statuses.push([date, "partial"]);
    } else if (i % 12 === 11) {
      statuses.push([date, "fasted"]);
    }
    if (i % 5 === 1) {
      const start = w.startMs + 18 * HOUR;
      const heartRate = Array.from({ length: 41 }, (_, minute) => ({ t: isoAt(start + minute * 60_000), bpm: 120 + (minute % 30) }));
      workouts.push({
        activity_type: i % 2 ? "running" : "cycling",
        start: isoAt(start),
        end: isoAt(start + 40 * 60_000),
        source: watch,
        heart_rate: heartRate,
      });
    }
  });
  return { samples, workouts, statuses };
}

async function sync(user: TestUser, body: object): Promise<void> {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: body });
  expect(res.status).toBe(200);
  expect((await readJson<{ rejected: number }>(res)).rejected).toBe(0);
}

async function seedUser(): Promise<TestUser> {
  const user = await h.createUser(PROFILE);
  const { samples, workouts, statuses } = yearSlice();
  await sync(user, { samples, workouts });
  for (const [date, status] of statuses) {
    const res = await h.request(`/v1/days/${date}/intake-status`, { method: "PUT", key: user.apiKey, json: { status } });
    expect(res.status).toBe(200);
  }
  return user;
}

async function storedRows(userId: string) {
  const rows = await h.deps.db
    .select()
    .from(dailyEnergy)
    .where(and(eq(dailyEnergy.userId, userId), between(dailyEnergy.localDate, FROM, TO)))
    .orderBy(asc(dailyEnergy.localDate));
  return rows.map(({ computedAt: _c, ...rest }) => rest);
}

describe("recomputeDays (range recompute)", () => {
  it("writes exactly the rows per-day recompute writes, for every day and column", async () => {
    const user = await seedUser();
    const dates = datesBetween(FROM, TO);
    for (const date of dates) expect(await recomputeDay(h.deps, user.id, date)).toBe(true);
    const perDay = await storedRows(user.id);
    await h.deps.db.delete(dailyEnergy).where(eq(dailyEnergy.userId, user.id));
    expect(await recomputeDays(h.deps, user.id, FROM, TO)).toBe(dates.length);
    const ranged = await storedRows(user.id);
    expect(ranged).toHaveLength(dates.length);
    expect(ranged).toEqual(perDay);

    // The data really is varied: both energy paths, every intake status, the 25-hour day, HIIT-free workouts.
    const statuses = new Set(ranged.map((r) => r.intakeStatus));
    for (const s of ["logged", "unlogged", "fasted", "complete", "partial", "possibly_partial"]) expect(statuses).toContain(s);
    expect(new Set(ranged.map((r) => r.basalMethod))).toEqual(new Set(["device", "estimated_bmr"]));
    expect(ranged.find((r) => r.localDate === "2026-10-25")?.dayLengthHours).toBe(25);
    expect(ranged.some((r) => r.status === "partial")).toBe(true);
  }, 60_000);

  it("several range recomputes at once (a worker's concurrent range jobs) write the same rows", async () => {
    const user = await seedUser();
    expect(await recomputeDays(h.deps, user.id, FROM, TO)).toBe(datesBetween(FROM, TO).length);
    const single = await storedRows(user.id);
    await h.deps.db.delete(dailyEnergy).where(eq(dailyEnergy.userId, user.id));
    // More chunks than slots, from different calls, one range overlapping another.
    const parts: [string, string][] = [
      [FROM, "2026-10-20"],
      ["2026-10-21", "2026-10-31"],
      ["2026-10-25", "2026-11-05"],
      ["2026-11-01", TO],
    ];
    await Promise.all(parts.map(([from, to]) => recomputeDays(h.deps, user.id, from, to)));
    expect(await storedRows(user.id)).toEqual(single);
  }, 60_000);

  it("returns null for a user that does not exist", async () => {
    expect(await recomputeDays(h.deps, "usr_doesnotexist00", FROM, TO)).toBeNull();
  });
});

describe("recomputes of many days through the queue", () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = startWorkers(h.deps);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a sync touching > 7 days enqueues range jobs, and /v1/days settles with the per-day numbers", async () => {
    const user = await seedUser();
    const jobs = await h.deps.queues.energy.getJobs(["waiting", "active", "delayed", "completed"], 0, -1);
    const ranges = jobs.filter((j) => j?.name === "energy.recompute-range" && j.data?.userId === user.id);
    expect(ranges.length).toBeGreaterThanOrEqual(2);
    const days = await waitFor(
      async () => {
        const body = await readJson<{ days: Record<string, unknown>[]; pending: boolean }>(
          await h.request(`/v1/days?from=${FROM}&to=${TO}`, { key: user.apiKey }),
        );
        return body.pending || body.days.length < datesBetween(FROM, TO).length ? undefined : body.days;
      },
      20_000,
      "days to settle",
    );
    const viaQueue = await storedRows(user.id);
    for (const date of datesBetween(FROM, TO)) await recomputeDay(h.deps, user.id, date);
    expect(await storedRows(user.id)).toEqual(viaQueue);
    expect(days.map((d) => d.date)).toEqual(datesBetween(FROM, TO));
  }, 60_000);
});
