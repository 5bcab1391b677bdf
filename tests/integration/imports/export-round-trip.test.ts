import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";
import { unzip } from "../../helpers/unzip.js";
import { buildZip } from "../../helpers/zip-writer.js";

// Export → import: a person's data taken out of one account and uploaded to another restores the same answers.
// User A's data come from real files (an Apple Health export, a Garmin run and a Garmin strength session as FIT)
// plus what the API takes (meals, a synced dietary-energy sample, weigh-ins, a declared day, a source priority).

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

const PROFILE = { sex: "female", birth_date: "1988-06-01", height_cm: 168, weight_kg: 64, hr_max_bpm: 188, time_zone: "Europe/Helsinki" };
const RAW_TABLES = [
  "samples",
  "workouts",
  "workout_streams",
  "workout_sets",
  "intake_entries",
  "intake_day_statuses",
  "body_measurements",
  "day_confirmations",
  "sources",
] as const;

type Row = Record<string, unknown>;

async function importFile(user: TestUser, bytes: Buffer): Promise<ImportBody> {
  const queued = await readJson<ImportBody>(await upload(h, user.apiKey, bytes));
  return settledImport(h, user.apiKey, queued.id, 60_000);
}

async function rowCounts(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of RAW_TABLES) {
    const where = table.startsWith("workout_") ? "workout_id in (select id from workouts where user_id = $1)" : "user_id = $1";
    const [row] = await h.deps.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where ${where}`, [userId]);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

async function computedDates(userId: string): Promise<string[]> {
  const rows = await h.deps.sql<{ d: string }[]>`select local_date::text as d from daily_energy where user_id = ${userId} order by 1`;
  return rows.map((r) => r.d);
}

/** /v1/days of one date once nothing is pending for the user (A's and B's are compared only when settled). */
async function dayOf(user: TestUser, date: string): Promise<Row> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: Row[]; pending: boolean }>(await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }));
      return body.pending ? undefined : body.days[0];
    },
    30_000,
    `day ${date} to settle`,
  );
}

async function settledDates(user: TestUser, expected: number): Promise<string[]> {
  return waitFor(
    async () => {
      const dates = await computedDates(user.id);
      const [dirty] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from dirty_days where user_id = ${user.id}`;
      return dates.length >= expected && dirty?.n === 0 ? dates : undefined;
    },
    60_000,
    "days to be computed",
  );
}

async function workouts(user: TestUser): Promise<Row[]> {
  const body = await readJson<{ workouts: Row[] }>(await h.request("/v1/workouts?limit=1000", { key: user.apiKey }));
  return body.workouts.sort((a, b) => String(a.start).localeCompare(String(b.start)));
}

async function workoutDetail(user: TestUser, id: unknown): Promise<Row> {
  return readJson<Row>(await h.request(`/v1/workouts/${String(id)}`, { key: user.apiKey }));
}

async function exportOf(user: TestUser): Promise<Buffer> {
  const res = await h.request("/v1/export", { key: user.apiKey });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The same archive with a zip comment: other bytes (so not the same upload), the same rows. */
function withComment(zip: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, "utf8");
  const out = Buffer.concat([zip, text]);
  out.writeUInt16LE(text.length, zip.length - 2);
  return out;
}

/** A day's answer without what differs by construction (when it was computed). */
function comparable(day: Row): Row {
  const { computed_at: _computedAt, ...rest } = day;
  return rest;
}

/** A workout's answer without its ids (each account has its own) and the import that wrote it. */
function comparableWorkout(w: Row): Row {
  const { id: _id, import_id: _importId, duplicate_of, duplicate_reason, ...rest } = w;
  return { ...rest, duplicate: duplicate_of !== null, has_reason: duplicate_reason !== null };
}

describe("GET /v1/export uploaded to POST /v1/imports for another user", () => {
  let a: TestUser;
  let b: TestUser;
  let archive: Buffer;
  let aCounts: Record<string, number>;
  let aDates: string[];

  it("restores the same days, workouts (series and sets), intake, weigh-ins, statuses and source priorities", async () => {
    a = await h.createUser(PROFILE);
    for (const file of [
      "apple-health/hk2sqlite__export.xml",
      "fit/pyfitparse__garmin-fenix-5-run.fit",
      "fit/fitanalyzer__garmin-strength-20748058539.fit",
    ]) {
      expect((await importFile(a, fixture(file))).status).toBe("completed");
    }
    const aWorkouts = await workouts(a);
    // The Garmin run: distance, energy and the longest heart-rate series of the three files.
    const run = aWorkouts
      .filter((w) => w.activity_type === "running" && w.distance_m !== null)
      .sort((x, y) => Number(y.hr_sample_count) - Number(x.hr_sample_count))[0];
    expect(run).toMatchObject({ activity_type: "running", distance_m: expect.any(Number), active_energy_kcal: expect.any(Number) });
    const strength = aWorkouts.find((w) => w.activity_type === "strength_training");
    expect(run).toBeDefined();
    expect(strength).toBeDefined();
    const runDate = String(run?.local_date);
    const strengthDate = String(strength?.local_date);
    // Meals by hand and one synced from a food app (a dietary-energy sample, projected into an intake entry).
    for (const [at, kcal, name] of [
      [`${runDate}T08:00:00+03:00`, 420, "Porridge"],
      [`${runDate}T13:00:00+03:00`, 780, "Salmon and rice"],
      [`${strengthDate}T19:00:00+03:00`, 950, "Pasta"],
    ] as const) {
      expect((await h.request("/v1/intake", { method: "POST", key: a.apiKey, json: { consumed_at: at, energy_kcal: kcal, name } })).status).toBe(201);
    }
    const sync = await h.request("/v1/sync", {
      method: "POST",
      key: a.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: {
        samples: [
          {
            type: "dietary_energy",
            start: `${runDate}T19:30:00+03:00`,
            end: `${runDate}T19:30:00+03:00`,
            value: 610,
            unit: "kcal",
            source: { name: "Food app", device_type: "app" },
          },
        ],
        workouts: [],
      },
    });
    expect(sync.status).toBe(200);
    for (const [at, kg] of [
      [`${runDate}T06:30:00+03:00`, 64.3],
      [`${strengthDate}T06:30:00+03:00`, 63.85],
    ] as const) {
      expect((await h.request("/v1/body-measurements", { method: "POST", key: a.apiKey, json: { measured_at: at, weight_kg: kg } })).status).toBe(
        201,
      );
    }
    expect((await h.request(`/v1/days/${runDate}/intake-status`, { method: "PUT", key: a.apiKey, json: { status: "complete" } })).status).toBe(200);
    const sources = await readJson<{ sources: Row[] }>(await h.request("/v1/sources", { key: a.apiKey }));
    const garmin = sources.sources.find((s) => String(s.name).toLowerCase().includes("garmin") || s.device_type === "watch");
    expect(garmin).toBeDefined();
    expect((await h.request(`/v1/sources/${String(garmin?.id)}`, { method: "PATCH", key: a.apiKey, json: { priority: 2 } })).status).toBe(200);

    aCounts = await rowCounts(a.id);
    aDates = await settledDates(a, 1);
    expect(aDates).toEqual(expect.arrayContaining([runDate, strengthDate]));
    archive = await exportOf(a);

    // B: a new account with nothing but an email; the profile the energy computation needs comes with the export.
    b = await h.createUser();
    const restored = await importFile(b, archive);
    expect(restored).toMatchObject({ status: "completed", format: "wearsync_export_zip", error: null, partial: false });
    expect(restored.counts.intake).toMatchObject({ parsed: 4, inserted: 4 });
    expect(restored.counts.body_measurement).toMatchObject({ parsed: 2, inserted: 2 });
    expect(restored.counts.workout?.inserted).toBe(aWorkouts.length);
    const me = await readJson<Row>(await h.request("/v1/me", { key: b.apiKey }));
    expect(me).toMatchObject({
      sex: "female",
      birth_date: "1988-06-01",
      height_cm: 168,
      weight_kg: 64,
      hr_max_bpm: 188,
      time_zone: "Europe/Helsinki",
    });

    expect(await rowCounts(b.id)).toEqual(aCounts);
    const bDates = await settledDates(b, aDates.length);
    expect(bDates).toEqual(aDates);
    for (const date of aDates) {
      expect(comparable(await dayOf(b, date)), date).toEqual(comparable(await dayOf(a, date)));
    }
    // The numbers a person checks: the run day's intake is the three meals (by hand and synced), and its deficit.
    const runDay = await dayOf(b, runDate);
    expect(runDay.intake_kcal).toBe(420 + 780 + 610);
    expect(runDay.intake_status).toBe("complete");
    expect(runDay.deficit_kcal).toBeCloseTo(Number(runDay.burned_kcal) - 1810, 0);

    const bWorkouts = await workouts(b);
    expect(bWorkouts.map(comparableWorkout)).toEqual(aWorkouts.map(comparableWorkout));
    const bRun = bWorkouts.find((w) => w.start === run?.start);
    expect(bRun).toMatchObject({ distance_m: run?.distance_m, active_energy_kcal: run?.active_energy_kcal, avg_hr_bpm: run?.avg_hr_bpm });
    const [aRunDetail, bRunDetail] = [await workoutDetail(a, run?.id), await workoutDetail(b, bRun?.id)];
    expect((bRunDetail.heart_rate as unknown[]).length).toBe(run?.hr_sample_count);
    expect(run?.hr_sample_count).toBeGreaterThan(0);
    for (const series of ["heart_rate", "speed_mps", "power_w"]) expect(bRunDetail[series], series).toEqual(aRunDetail[series]);
    const bStrength = bWorkouts.find((w) => w.start === strength?.start);
    const [aSets, bSets] = [(await workoutDetail(a, strength?.id)).sets as Row[], (await workoutDetail(b, bStrength?.id)).sets as Row[]];
    expect(bSets).toHaveLength(14);
    expect(bSets).toEqual(aSets);

    const bSources = await readJson<{ sources: Row[] }>(await h.request("/v1/sources", { key: b.apiKey }));
    const strip = (s: Row[]) => s.map(({ id: _id, ...rest }) => rest).sort((x, y) => String(x.name).localeCompare(String(y.name)));
    expect(strip(bSources.sources)).toEqual(
      strip(sources.sources.map((s) => (s.id === garmin?.id ? { ...s, priority: 2, effective_priority: 2 } : s))),
    );
    // Nothing of the import was written under A's id.
    expect(await rowCounts(a.id)).toEqual(aCounts);
  }, 240_000);

  it("a re-import adds no row: the same archive as other bytes, and B's own export uploaded back to B", async () => {
    const before = await rowCounts(b.id);
    const again = await importFile(b, withComment(archive, "again"));
    expect(again.status).toBe("completed");
    for (const [type, c] of Object.entries(again.counts)) expect(c.inserted, type).toBe(0);
    expect(await rowCounts(b.id)).toEqual(before);
    const own = await importFile(b, await exportOf(b));
    expect(own.status).toBe("completed");
    expect(await rowCounts(b.id)).toEqual(before);
    expect(await rowCounts(a.id)).toEqual(aCounts);
  }, 120_000);

  it("a forged archive naming another account as its own never writes into that account", async () => {
    // C uploads A's rows under a manifest that says the export is C's: the ids are then kept, and every one that is
    // A's collides with A's row and is skipped; A is untouched, C gets its own samples and workouts.
    const c = await h.createUser();
    const files = await unzip(archive);
    const manifest = JSON.parse(files.get("manifest.json") ?? "{}") as Row;
    const users = (files.get("users.ndjson") ?? "").replace(a.id, c.id);
    const forged = buildZip(
      [...files].map(([name, data]) => ({
        name,
        data: name === "manifest.json" ? JSON.stringify({ ...manifest, user_id: c.id }) : name === "users.ndjson" ? users : data,
      })),
    );
    expect((await importFile(c, forged)).status).toBe("completed");
    expect(await rowCounts(a.id)).toEqual(aCounts);
    expect((await rowCounts(c.id)).samples).toBe(aCounts.samples);
  }, 120_000);

  it("refuses a manifest of a newer version, with a reason a person can act on, and writes nothing", async () => {
    const d = await h.createUser();
    const files = await unzip(archive);
    const manifest = JSON.parse(files.get("manifest.json") ?? "{}") as Row;
    const newer = buildZip(
      [...files].map(([name, data]) => ({ name, data: name === "manifest.json" ? JSON.stringify({ ...manifest, version: 2 }) : data })),
    );
    const failed = await importFile(d, newer);
    expect(failed).toMatchObject({ status: "failed", error: { code: "EXPORT_VERSION_UNSUPPORTED" } });
    expect(failed.error?.message).toMatch(/version 2.*version 1.*update wearsync/);
    expect(Object.values(await rowCounts(d.id)).reduce((s, n) => s + n, 0)).toBe(0);
  }, 60_000);
});
