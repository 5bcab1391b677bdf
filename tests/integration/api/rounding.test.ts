import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";

// The rounding audit: every answer a person reads carries kcal to 1, kg to 0.01 and bpm to 0.1, whatever the stored
// precision. Real files (an Apple Health export, a Garmin run and strength session as FIT) plus two weeks of synced
// device energy, meals and weigh-ins whose stored values have more decimals than an answer may show.

let h: Harness;
let pool: WorkerPool;
let user: TestUser;
const watch = { name: "Rounding Watch", device_type: "watch" };
const DATES = Array.from({ length: 14 }, (_, i) => `2026-11-${String(2 + i).padStart(2, "0")}`);
const BASAL_PER_HOUR_KCAL = 70.37;
const ACTIVE_PER_HOUR_KCAL = 12.113;
const MEAL_KCAL = 2103.7;

beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
  user = await h.createUser({ sex: "male", birth_date: "1984-09-14", height_cm: 179, weight_kg: 81, time_zone: "UTC" });
  for (const file of [
    "apple-health/hk2sqlite__export.xml",
    "fit/pyfitparse__garmin-fenix-5-run.fit",
    "fit/fitanalyzer__garmin-strength-20748058539.fit",
  ]) {
    const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture(file)));
    expect((await settledImport(h, user.apiKey, queued.id, 60_000)).status).toBe("completed");
  }
  const samples = DATES.flatMap((date) =>
    Array.from({ length: 24 }, (_, hour) => {
      const start = new Date(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000).toISOString();
      const end = new Date(Date.parse(start) + 3_600_000).toISOString();
      return [
        { type: "basal_energy", start, end, value: BASAL_PER_HOUR_KCAL, unit: "kcal", source: watch },
        { type: "active_energy", start, end, value: ACTIVE_PER_HOUR_KCAL, unit: "kcal", source: watch },
      ];
    }).flat(),
  );
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: { samples } });
  expect(res.status).toBe(200);
  const entries = DATES.map((date) => ({ consumed_at: `${date}T12:00:00Z`, energy_kcal: MEAL_KCAL }));
  expect((await h.request("/v1/intake", { method: "POST", key: user.apiKey, json: { entries } })).status).toBe(201);
  for (const [i, date] of DATES.entries()) {
    const weighIn = { measured_at: `${date}T06:00:00Z`, weight_kg: 81.137 - i * 0.0713 };
    expect((await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: weighIn })).status).toBe(201);
  }
  await waitFor(
    async () => {
      const [dirty] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from dirty_days where user_id = ${user.id}`;
      const weeks = await readJson<{ weeks: { status: string }[]; pending: boolean }>(
        await h.request("/v1/projections/weekly?from=2026-11-02&to=2026-11-15", { key: user.apiKey }),
      );
      return dirty?.n === 0 && !weeks.pending && weeks.weeks.some((w) => w.status === "projected") ? true : undefined;
    },
    60_000,
    "days and projections",
  );
}, 180_000);
afterAll(async () => {
  await pool.close();
  await h.close();
});

// What a field may carry, by what its name says it measures; rates keep their own precision.
const ALLOWED_DECIMALS = { kcal: 0, kg: 2, bpm: 1, kg_per_day: 3 } as const;
type AuditUnit = keyof typeof ALLOWED_DECIMALS;

interface Audit {
  kcal: number;
  kg: number;
  bpm: number;
  kg_per_day: number;
  offenders: string[];
}

function unitOf(key: string): AuditUnit | null {
  if (/kg_per_day/.test(key)) return "kg_per_day";
  if (/kcal/.test(key)) return "kcal";
  if (/(^|_)kg($|_)/.test(key)) return "kg";
  return /bpm/.test(key) ? "bpm" : null;
}

const decimalsOf = (value: number) => (Number.isInteger(value) ? 0 : (String(value).split(".")[1]?.length ?? 99));

/** Walks an answer: a number under a field naming kcal must be whole, kg at most 2 decimals, bpm at most 1. */
function audit(value: unknown, path: string, unit: AuditUnit | null, into: Audit): void {
  if (typeof value === "number") {
    if (unit === null) return;
    into[unit]++;
    if (decimalsOf(value) > ALLOWED_DECIMALS[unit]) into.offenders.push(`${path} = ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) audit(item, `${path}[${i}]`, unit, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) audit(item, `${path}.${key}`, unitOf(key), into);
  }
}

async function answer(path: string): Promise<unknown> {
  const res = await h.request(path, { key: user.apiKey });
  expect(res.status, path).toBe(200);
  return res.json();
}

describe("numbers in answers are rounded to what the measurement supports", () => {
  it("a synced day reads as a person checks it: kcal whole, from 70.37 + 12.113 kcal an hour and a 2103.7 kcal meal", async () => {
    const body = (await answer("/v1/days?from=2026-11-05&to=2026-11-05")) as { days: Record<string, unknown>[] };
    // 24 × 70.37 = 1688.88 basal, 24 × 12.113 = 290.712 active: 1979.592 burned; 1979.592 − 2103.7 = −124.108.
    expect(body.days[0]).toMatchObject({ basal_kcal: 1689, active_kcal: 291, burned_kcal: 1980, intake_kcal: 2104, deficit_kcal: -124 });
    const [stored] = await h.deps.sql<{ burned: number }[]>`
      select burned_kcal as burned from daily_energy where user_id = ${user.id} and local_date = '2026-11-05'`;
    expect(stored?.burned).toBeCloseTo(1979.592, 6);
  });

  it("no kcal with decimals, no kg with more than 2, no bpm with more than 1, in days, a day, the summary, workouts and projections", async () => {
    const found: Audit = { kcal: 0, kg: 0, bpm: 0, kg_per_day: 0, offenders: [] };
    const dated = await h.deps.sql<{ d: string }[]>`select local_date::text as d from daily_energy where user_id = ${user.id} order by 1`;
    expect(dated.length).toBeGreaterThan(DATES.length);
    for (const { d } of dated) {
      audit(await answer(`/v1/days?from=${d}&to=${d}`), `days[${d}]`, null, found);
      audit(await answer(`/v1/days/${d}`), `day[${d}]`, null, found);
    }
    audit(await answer("/v1/summary"), "summary", null, found);
    const workouts = (await answer("/v1/workouts?limit=1000")) as { workouts: { id: string }[] };
    audit(workouts, "workouts", null, found);
    for (const w of workouts.workouts) audit(await answer(`/v1/workouts/${w.id}`), `workout[${w.id}]`, null, found);
    audit(await answer("/v1/projections/weekly?limit=1000"), "projections", null, found);
    expect(found.offenders).toEqual([]);
    // The walk saw real numbers of each unit (it cannot pass by finding none).
    expect(found.kcal).toBeGreaterThan(200);
    expect(found.kg).toBeGreaterThan(50);
    expect(found.bpm).toBeGreaterThan(2);
  });
});
