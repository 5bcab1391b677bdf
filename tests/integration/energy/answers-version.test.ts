import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../src/app.js";
import { NotFoundError } from "../../../src/lib/errors.js";
import { SLEEP_STAGE_TYPES } from "../../../src/lib/vocabulary.js";
import { listDaysJson } from "../../../src/modules/energy/days.service.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, uploadSettled } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";

// Kept answers (src/http/answer-cache.ts) are tagged with users.answers_version, which triggers set when a change to
// the rows they come from commits (migration 0017). Each test keeps an answer in one app, changes the rows through
// another app (another API process) or straight in SQL (a worker), and reads again from the first app.

let h: Harness;
let pool: WorkerPool;
let other: ReturnType<typeof buildApp>;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
  other = buildApp(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const watch = { name: "Watch", device_type: "watch" };
const phone = { name: "Phone", device_type: "phone" };

function onOther(path: string, user: TestUser, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${user.apiKey}`, "idempotency-key": randomUUID() };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return Promise.resolve(other.request(path, { method: init.method ?? "GET", headers, ...(body === undefined ? {} : { body }) }));
}

async function sync(user: TestUser, samples: unknown[]): Promise<void> {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: { samples } });
  expect(res.status).toBe(200);
}

const hourOfSteps = (start: string, value: number, source: typeof watch) => ({
  type: "steps",
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  value,
  unit: "count",
  source,
});

interface DaysBody {
  days: { date: string; steps: number | null; intake_kcal: number | null }[];
  pending: boolean;
}

const readDays = async (user: TestUser, date: string) =>
  readJson<DaysBody>(await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }));

/** Reads the day from the first app until nothing is pending and `done` holds; reads twice more so the answer is kept. */
async function settledDay(user: TestUser, date: string, done: (day: DaysBody["days"][number]) => boolean) {
  const day = await waitFor(
    async () => {
      const body = await readDays(user, date);
      const first = body.days[0];
      return !body.pending && first && done(first) ? first : undefined;
    },
    20_000,
    `day ${date} to settle`,
  );
  expect((await readDays(user, date)).days[0]).toEqual(day);
  return day;
}

describe("kept answers follow users.answers_version", () => {
  it("the samples triggers watch exactly the sleep stage types", async () => {
    const rows = await h.deps.sql<{ name: string; def: string }[]>`
      select tgname as name, pg_get_triggerdef(oid) as def from pg_trigger where tgname like 'samples_%_answers_version' order by tgname`;
    expect(rows.map((r) => r.name)).toEqual(["samples_delete_answers_version", "samples_insert_answers_version", "samples_update_answers_version"]);
    for (const { def } of rows) {
      const lists = [...def.matchAll(/type\)::text = ANY \(\(?ARRAY\[([^\]]*)\]/g)].map((m) =>
        [...(m[1] ?? "").matchAll(/'([a-z_]+)'/g)].map((q) => q[1]).sort(),
      );
      expect(lists.length).toBeGreaterThan(0);
      for (const list of lists) expect(list).toEqual([...SLEEP_STAGE_TYPES].sort());
    }
  });

  it("an intake entry logged through another process: the next answer is pending, then shows it", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const date = "2026-11-18";
    await sync(user, [hourOfSteps(`${date}T08:00:00Z`, 900, watch)]);
    expect(await settledDay(user, date, (d) => d.steps === 900)).toMatchObject({ intake_kcal: null });
    const logged = await onOther("/v1/intake", user, { method: "POST", json: { consumed_at: `${date}T12:00:00Z`, energy_kcal: 640 } });
    expect(logged.status).toBe(201);
    // The outbox row committed with the entry moved the version: the kept answer is not sent again.
    expect((await readDays(user, date)).pending).toBe(true);
    expect(await settledDay(user, date, (d) => d.intake_kcal !== null)).toMatchObject({ steps: 900, intake_kcal: 640 });
  });

  it("a source priority changed through another process: the next answer is pending, then ranks by it", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const date = "2026-11-17";
    await sync(user, [hourOfSteps(`${date}T08:00:00Z`, 400, watch), hourOfSteps(`${date}T08:00:00Z`, 300, phone)]);
    await settledDay(user, date, (d) => d.steps === 400);
    const { sources } = await readJson<{ sources: { id: number; name: string }[] }>(await onOther("/v1/sources", user));
    const phoneId = sources.find((s) => s.name === "Phone")?.id;
    expect((await onOther(`/v1/sources/${phoneId}`, user, { method: "PATCH", json: { priority: -1 } })).status).toBe(200);
    expect((await readDays(user, date)).pending).toBe(true);
    await settledDay(user, date, (d) => d.steps === 300);
  });

  it("an import and a workout logged through another process show in the next page of workouts", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const page = async () => readJson<{ workouts: { activity_type: string }[] }>(await h.request("/v1/workouts?limit=10", { key: user.apiKey }));
    expect((await page()).workouts).toEqual([]);
    expect((await page()).workouts).toEqual([]);
    const imported = await uploadSettled(h, user, fixture("gpx/togeojson__Friday-Evening-Run.gpx"));
    expect(imported.status).toBe("completed");
    expect((await page()).workouts).toHaveLength(1);
    const logged = await onOther("/v1/workouts", user, {
      method: "POST",
      json: { activity_type: "yoga", start: "2026-11-20T07:00:00Z", end: "2026-11-20T08:00:00Z" },
    });
    expect(logged.status).toBe(201);
    expect((await page()).workouts.map((w) => w.activity_type)).toContain("yoga");
  });

  it("weekly projections follow their rows (written by any process) and the projection marker", async () => {
    const user = await h.createUser({ time_zone: "UTC", sex: "female", birth_date: "1990-01-01", height_cm: 165, weight_kg: 62 });
    await sync(user, [hourOfSteps("2026-11-10T08:00:00Z", 5000, watch)]);
    await settledDay(user, "2026-11-10", (d) => d.steps === 5000);
    const weekly = async () =>
      readJson<{ weeks: unknown[]; pending: boolean }>(await h.request("/v1/projections/weekly?from=2026-11-01&to=2026-11-30", { key: user.apiKey }));
    const kept = await waitFor(
      async () => {
        const body = await weekly();
        return !body.pending && body.weeks.length > 0 ? body : undefined;
      },
      20_000,
      "the week to be projected",
    );
    expect(await weekly()).toEqual(kept);

    const marker = { kind: "projection" as const, userId: user.id, member: "2026-11-09" };
    await h.deps.pending.mark([marker]);
    expect(await weekly()).toEqual({ ...kept, pending: true });
    await h.deps.pending.finish(marker, await h.deps.pending.begin(marker));
    expect(await weekly()).toEqual(kept);

    // As a worker would, in its own transaction: the kept answer must not outlive the rows.
    await h.deps.sql`delete from weekly_projections where user_id = ${user.id}`;
    expect((await weekly()).weeks).toEqual([]);
  });

  it("an erased account's kept answer is never sent again, whichever process erased it", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const date = "2026-11-16";
    await sync(user, [hourOfSteps(`${date}T08:00:00Z`, 700, watch)]);
    await settledDay(user, date, (d) => d.steps === 700);
    expect((await onOther("/v1/me", user, { method: "DELETE", json: { confirm: user.email } })).status).toBe(200);
    expect((await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey })).status).toBe(401);
    // Even past authentication, the version lookup finds no user: the kept bytes are not reached.
    await expect(listDaysJson(h.deps, user.id, date, date)).rejects.toBeInstanceOf(NotFoundError);
  });
});
