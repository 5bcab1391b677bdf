import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mifflinStJeorBmrKcal } from "../../../src/domain/energy/bmr.js";
import { refreshWeighInOutliers } from "../../../src/modules/body/index.js";
import { setOutlierFlags } from "../../../src/modules/body/weigh-in-outliers.repo.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
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

const PROFILE = { sex: "male", birth_date: "1985-02-03", height_cm: 180, weight_kg: 90, time_zone: "UTC" };

interface Measurement {
  id: string;
  weight_kg: number | null;
  outlier: boolean;
  outlier_source: string;
}
interface Report {
  measurements: Measurement[];
  trend: { date: string; trend_weight_kg: number; measured_weight_kg: number | null }[];
}

const post = async (user: TestUser, measured_at: string, weight_kg: number) => {
  const res = await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: { measured_at, weight_kg } });
  expect(res.status).toBe(201);
  return readJson<Measurement>(res);
};
const report = async (user: TestUser) =>
  readJson<Report>(await h.request("/v1/body-measurements?from=2026-11-18&to=2026-11-20", { key: user.apiKey }));
const patch = (user: TestUser, id: string, outlier: boolean) =>
  h.request(`/v1/body-measurements/${id}`, { method: "PATCH", key: user.apiKey, json: { outlier } });

/** A band's steps on the morning of the 20th: a day without any wearable record has no burn at all, so no BMR. */
const BAND_STEPS = {
  type: "steps",
  start: "2026-11-20T10:00:00Z",
  end: "2026-11-20T10:10:00Z",
  value: 500,
  unit: "count",
  source: { name: "Band", device_type: "band" },
};
async function syncSamples(user: TestUser, samples: object[]): Promise<void> {
  const res = await h.request("/v1/sync", {
    method: "POST",
    key: user.apiKey,
    headers: { "idempotency-key": randomUUID() },
    json: { samples, workouts: [] },
  });
  expect(res.status).toBe(200);
}

/** The day's formula BMR (no device basal): it is computed from the latest weight that counts. */
async function basalOn(user: TestUser, date: string, expected: number): Promise<number> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: { basal_kcal: number | null }[]; pending: boolean }>(
        await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }),
      );
      const basal = body.days[0]?.basal_kcal ?? null;
      return !body.pending && basal !== null && Math.abs(basal - expected) < 0.1 ? basal : undefined;
    },
    20_000,
    `basal on ${date} to be ${expected}`,
  );
}

const bmrAt = (weightKg: number) => Math.round(mifflinStJeorBmrKcal({ sex: "male", weightKg, heightCm: 180, ageYears: 41 }) * 10) / 10;

describe("weigh-in outliers", () => {
  it("189.6 kg 30 minutes after 86.0 kg is an outlier: shown, out of the trend and the day's numbers until confirmed", async () => {
    const user = await h.createUser(PROFILE);
    await syncSamples(user, [BAND_STEPS]);
    await post(user, "2026-11-19T07:00:00Z", 86.4);
    await post(user, "2026-11-20T07:00:00Z", 86.0);
    const typo = await post(user, "2026-11-20T07:30:00Z", 189.6);
    expect(typo).toMatchObject({ weight_kg: 189.6, outlier: true, outlier_source: "rule" });

    const before = await report(user);
    expect(before.measurements.map((m) => [m.weight_kg, m.outlier])).toEqual([
      [86.4, false],
      [86.0, false],
      [189.6, true],
    ]);
    // The trend does not jump: 86.4 → 86.4 + 0.1 × (86.0 − 86.4) = 86.36.
    expect(before.trend.map((d) => [d.date, Math.round(d.trend_weight_kg * 100) / 100, d.measured_weight_kg])).toEqual([
      ["2026-11-19", 86.4, 86.4],
      ["2026-11-20", 86.36, 86.0],
    ]);
    // The day's BMR comes from 86.0, the latest weight that counts.
    await basalOn(user, "2026-11-20", bmrAt(86.0));
    // And so does a what-if started from the caller's weight.
    const sim = await readJson<{ inputs: { weight_kg: number } }>(
      await h.request("/v1/projections/simulate", { method: "POST", key: user.apiKey, json: { weeks: 4, intake_change_kcal: -500, pal: 1.5 } }),
    );
    expect(sim.inputs.weight_kg).toBe(86.0);

    // Confirmed, it counts (it really was 189.6 kg): the trend and the day follow it.
    const confirmed = await patch(user, typo.id, false);
    expect(await readJson(confirmed)).toMatchObject({ id: typo.id, outlier: false, outlier_source: "you" });
    const after = await report(user);
    expect(after.trend.at(-1)?.measured_weight_kg).toBeCloseTo((86.0 + 189.6) / 2, 9);
    await basalOn(user, "2026-11-20", bmrAt(189.6));

    // Marked again, it is out again.
    expect(await readJson(await patch(user, typo.id, true))).toMatchObject({ outlier: true, outlier_source: "you" });
    expect((await report(user)).trend.at(-1)?.measured_weight_kg).toBe(86.0);
    await basalOn(user, "2026-11-20", bmrAt(86.0));
  });

  it("a synced scale's outlier is flagged by the recompute it triggers", async () => {
    const user = await h.createUser(PROFILE);
    const scale = { name: "Scale", device_type: "scale" };
    const weigh = (start: string, value: number) => ({ type: "body_mass", start, end: start, value, unit: "kg", source: scale });
    await syncSamples(user, [
      BAND_STEPS,
      weigh("2026-11-19T07:00:00Z", 86.4),
      weigh("2026-11-20T07:00:00Z", 86.0),
      weigh("2026-11-20T07:30:00Z", 189.6),
    ]);
    const flagged = await waitFor(
      async () => {
        const body = await report(user);
        return body.measurements.some((m) => m.outlier) ? body : undefined;
      },
      20_000,
      "the synced outlier to be flagged",
    );
    expect(flagged.measurements.map((m) => [m.weight_kg, m.outlier])).toEqual([
      [86.4, false],
      [86.0, false],
      [189.6, true],
    ]);
    await basalOn(user, "2026-11-20", bmrAt(86.0));
  });

  it("PATCH checks its body and the owner: 400 for anything but a boolean, 404 for another user's weigh-in", async () => {
    const user = await h.createUser(PROFILE);
    const other = await h.createUser(PROFILE);
    const mine = await post(user, "2026-11-20T07:00:00Z", 86.0);
    await expectProblem(await h.request(`/v1/body-measurements/${mine.id}`, { method: "PATCH", key: user.apiKey, json: { outlier: "no" } }), 400);
    await expectProblem(await h.request(`/v1/body-measurements/${mine.id}`, { method: "PATCH", key: user.apiKey, json: { weight_kg: 80 } }), 400);
    await expectProblem(await patch(other, mine.id, true), 404);
    expect((await report(user)).measurements).toEqual([expect.objectContaining({ id: mine.id, outlier: false, outlier_source: "rule" })]);
  });
});

describe("outlier flags of years of a scale's readings", () => {
  it("are written in statements under Postgres' parameter limit (70,000 set at once)", async () => {
    const user = await h.createUser(PROFILE);
    const count = 80_000;
    await h.deps.sql`
      insert into body_measurements (id, user_id, measured_at, utc_offset_min, local_date, weight_kg)
      select 'bdy_many' || n, ${user.id}, timestamptz '2020-01-01' + n * interval '10 minutes', 0,
             (timestamptz '2020-01-01' + n * interval '10 minutes')::date, 80
      from generate_series(1, ${count}) as n`;
    const rows = await h.deps.sql<{ id: string }[]>`select id from body_measurements where user_id = ${user.id}`;
    await setOutlierFlags(h.deps.db, user.id, [...rows.map((r, i) => ({ id: r.id, outlier: i % 8 !== 0 }))]);
    const [flags] = await h.deps.sql<{ outliers: string; kept: string }[]>`
      select count(*) filter (where outlier)::text as outliers, count(*) filter (where not outlier)::text as kept
      from body_measurements where user_id = ${user.id}`;
    expect(flags).toEqual({ outliers: "70000", kept: "10000" });
  });

  it("are judged over the whole history read in pages: three spikes among 50,000 readings, each changing its own day", async () => {
    const user = await h.createUser(PROFILE);
    // Every 10 minutes from 2021-01-01 (144 a day, 347 days): 80 kg, but 190 kg at readings 5,000, 25,000 and 45,000.
    const spikes = [5_000, 25_000, 45_000];
    await h.deps.sql`
      insert into body_measurements (id, user_id, measured_at, utc_offset_min, local_date, weight_kg)
      select 'bdy_paged' || n, ${user.id}, timestamptz '2021-01-01' + n * interval '10 minutes', 0,
             (timestamptz '2021-01-01' + n * interval '10 minutes')::date, case when n = any(${spikes}) then 190 else 80 end
      from generate_series(1, 50000) as n`;
    const spikeDates = spikes.map((n) => new Date(Date.parse("2021-01-01T00:00:00Z") + n * 600_000).toISOString().slice(0, 10));

    expect(await refreshWeighInOutliers(h.deps.db, user.id)).toEqual(spikeDates);
    const flagged = await h.deps.sql<{ id: string }[]>`
      select id from body_measurements where user_id = ${user.id} and outlier order by measured_at`;
    expect(flagged.map((r) => r.id)).toEqual(spikes.map((n) => `bdy_paged${n}`));
    // Judged again, nothing changes and no day is named.
    expect(await refreshWeighInOutliers(h.deps.db, user.id)).toEqual([]);
  });
});
