import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_TABLES } from "../../../src/modules/accounts/erasure.repo.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";

let h: Harness;
let pool: WorkerPool | null;
beforeAll(async () => {
  h = await createHarness();
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool?.close();
  await h.close();
});

const watch = { name: "Erasure Watch", device_type: "watch" };

/** A person with rows in every kind of table: pushed samples and a workout with HR, intake, a weigh-in, a day status, an import. */
async function personWithData(): Promise<TestUser> {
  const user = await h.createUser({ time_zone: "UTC", sex: "female", birth_date: "1990-01-01", height_cm: 168, weight_kg: 64 });
  const hr = Array.from({ length: 60 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 5, 7, 0, i * 30)).toISOString(), bpm: i % 4 < 2 ? 170 : 120 }));
  const sync = await h.request("/v1/sync", {
    method: "POST",
    key: user.apiKey,
    headers: { "idempotency-key": randomUUID() },
    json: {
      samples: [
        { type: "active_energy", start: "2026-10-05T08:00:00Z", end: "2026-10-05T09:00:00Z", value: 300, unit: "kcal", source: watch },
        { type: "basal_energy", start: "2026-10-05T00:00:00Z", end: "2026-10-05T23:59:00Z", value: 1400, unit: "kcal", source: watch },
      ],
      workouts: [
        { external_id: "hiit-1", activity_type: "hiit", start: "2026-10-05T07:00:00Z", end: "2026-10-05T07:30:00Z", source: watch, heart_rate: hr },
      ],
    },
  });
  expect(sync.status).toBe(200);
  expect(
    (await h.request("/v1/intake", { method: "POST", key: user.apiKey, json: { consumed_at: "2026-10-05T12:00:00Z", energy_kcal: 1500 } })).status,
  ).toBe(201);
  expect(
    (await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: { measured_at: "2026-10-05T06:00:00Z", weight_kg: 63.5 } }))
      .status,
  ).toBe(201);
  expect((await h.request("/v1/days/2026-10-05/intake-status", { method: "PUT", key: user.apiKey, json: { status: "complete" } })).status).toBe(200);
  const queued = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("fit/fitfileparser__test.fit")));
  await settledImport(h, user.apiKey, queued.id);
  return user;
}

async function rowsOf(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, where } of USER_TABLES) {
    const [row] = await h.deps.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where ${where}`, [userId]);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

async function queuedJobsOf(userId: string): Promise<number> {
  let n = 0;
  for (const queue of Object.values(h.deps.queues)) {
    const jobs = await queue.getJobs(["waiting", "delayed", "prioritized"], 0, -1);
    n += jobs.filter((j) => (j.data as { userId?: string }).userId === userId).length;
  }
  return n;
}

describe("DELETE /v1/me", () => {
  it("erases every row, file, queued job and schedule of the person, and nothing of anyone else", async () => {
    const person = await personWithData();
    const other = await personWithData();
    // Computed days and HIIT come from the workers.
    await waitFor(async () => ((await rowsOf(person.id)).daily_energy ?? 0) > 0 || undefined, 20_000, "computed days");
    await pool?.close();
    pool = null;
    // With the workers stopped, a new push leaves jobs queued for the person.
    await h.request("/v1/intake", { method: "POST", key: person.apiKey, json: { consumed_at: "2026-10-06T12:00:00Z", energy_kcal: 900 } });
    expect(await queuedJobsOf(person.id)).toBeGreaterThan(0);

    const before = await rowsOf(person.id);
    for (const table of [
      "users",
      "api_keys",
      "sources",
      "samples",
      "workouts",
      "workout_streams",
      "intake_entries",
      "intake_day_statuses",
      "body_measurements",
      "daily_energy",
      "imports",
      "idempotency_keys",
    ]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    const uploadDir = join(h.deps.env.UPLOAD_DIR, person.id);
    expect(existsSync(uploadDir)).toBe(true);
    const otherBefore = await rowsOf(other.id);

    await expectProblem(
      await h.request("/v1/me", { method: "DELETE", key: person.apiKey, json: { confirm: other.email } }),
      422,
      "CONFIRMATION_MISMATCH",
    );
    expect((await rowsOf(person.id)).users).toBe(1);

    const res = await h.request("/v1/me", { method: "DELETE", key: person.apiKey, json: { confirm: person.email.toUpperCase() } });
    expect(res.status).toBe(200);
    const answer = await readJson<{ rows: Record<string, number>; files: number; queued_jobs: number; schedules: number }>(res);
    expect(answer.rows).toEqual(before);
    expect(answer.files).toBe(1);
    expect(answer.queued_jobs).toBeGreaterThan(0);
    expect(answer.schedules).toBeGreaterThan(0);

    // Not one row left in any table, by SQL over every table that has a user_id column (and the children without one).
    const tables = await h.deps.sql<{ table_name: string }[]>`
      select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id'`;
    const listed = new Set<string>(USER_TABLES.map((t) => t.table));
    for (const { table_name } of tables) {
      expect(listed.has(table_name), `${table_name} has a user_id column but erasure does not know it`).toBe(true);
      const [row] = await h.deps.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table_name} where user_id = $1`, [person.id]);
      expect(row?.n, table_name).toBe(0);
    }
    expect(Object.values(await rowsOf(person.id)).every((n) => n === 0)).toBe(true);
    expect(existsSync(uploadDir)).toBe(false);
    expect(await queuedJobsOf(person.id)).toBe(0);
    for (const queue of Object.values(h.deps.queues)) {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((s) => String(s.key ?? s.id ?? "").includes(person.id))).toEqual([]);
    }
    await expectProblem(await h.request("/v1/me", { key: person.apiKey }), 401, "UNAUTHORIZED");

    expect(await rowsOf(other.id)).toEqual(otherBefore);
    expect((await h.request("/v1/me", { key: other.apiKey })).status).toBe(200);
  }, 90_000);

  it("needs the confirmation body", async () => {
    const user = await h.createUser();
    await expectProblem(await h.request("/v1/me", { method: "DELETE", key: user.apiKey }), 400);
    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(200);
  });
});
