import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyMeasurements, sources } from "../../../src/db/schema/index.js";
import { trendWeights } from "../../../src/domain/body/trend-weight.js";
import { newId } from "../../../src/lib/ids.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { takeRecomputeDates } from "./intake-test-kit.js";

const NOW = "2026-11-24T12:00:00.000Z";
let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock(NOW) });
});
afterAll(async () => {
  await h.close();
});

interface MeasurementBody {
  id: string;
  measured_at: string;
  utc_offset_min: number;
  local_date: string;
  weight_kg: number | null;
  body_fat_pct: number | null;
  source: { name: string; device_type: string; device: string | null } | null;
  import_id: string | null;
}
interface ReportBody {
  measurements: MeasurementBody[];
  trend: { date: string; trend_weight_kg: number; measured_weight_kg: number | null }[];
  trend_seeded_from: string | null;
}

const post = (user: TestUser, json: unknown) => h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json });
const report = async (user: TestUser, from: string, to: string) => {
  const res = await h.request(`/v1/body-measurements?from=${from}&to=${to}`, { key: user.apiKey });
  expect(res.status).toBe(200);
  return readJson<ReportBody>(res);
};
const rowsOf = (userId: string) => h.deps.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId));
const dayIndex = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateAt = (start: string, offsetDays: number) => new Date((dayIndex(start) + offsetDays) * 86_400_000).toISOString().slice(0, 10);

describe("POST /v1/body-measurements", () => {
  it("stores a weigh-in in kg with its offset and local date, and queues that day", async () => {
    const user = await h.createUser();
    const res = await post(user, { measured_at: "2026-11-20T07:05:00+01:00", weight_kg: 81.4, body_fat_pct: 21.5 });
    expect(res.status).toBe(201);
    const body = await readJson<MeasurementBody>(res);
    expect(body).toEqual({
      id: expect.stringMatching(/^bdy_/),
      measured_at: "2026-11-20T07:05:00.000+01:00",
      utc_offset_min: 60,
      local_date: "2026-11-20",
      weight_kg: 81.4,
      body_fat_pct: 21.5,
      outlier: false,
      outlier_source: "rule",
      source: null,
      import_id: null,
      created_at: NOW,
      updated_at: NOW,
    });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: body.id, weightKg: 81.4, bodyFatPct: 21.5, localDate: "2026-11-20", utcOffsetMin: 60 });
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-20"]);
  });

  it("converts pounds to kilograms (× 0.45359237)", async () => {
    const user = await h.createUser();
    const body = await readJson<MeasurementBody>(await post(user, { measured_at: "2026-11-20T07:00:00-08:00", weight_lb: 180 }));
    // 180 lb = 81.6466266 kg, answered to 0.01 kg; stored exactly
    expect(body.weight_kg).toBe(81.65);
    expect((await rowsOf(user.id))[0]?.weightKg).toBeCloseTo(180 * 0.45359237, 9);
  });

  it.each([
    ["weight below 20 kg", { weight_kg: 19.9 }, "weight_kg"],
    ["weight above 400 kg", { weight_kg: 400.1 }, "weight_kg"],
    ["weight below 44.1 lb", { weight_lb: 44 }, "weight_lb"],
    ["both units", { weight_kg: 80, weight_lb: 176 }, "weight_lb"],
    ["nothing measured", {}, "weight_kg"],
    ["body fat below 2 %", { body_fat_pct: 1.9 }, "body_fat_pct"],
    ["body fat above 75 %", { body_fat_pct: 75.1 }, "body_fat_pct"],
    ["an unknown field", { weight_kg: 80, bmi: 24 }, "(body)"],
    ["a time without offset", { weight_kg: 80, measured_at: "2026-11-20T07:00:00" }, "measured_at"],
    ["more than 24 h ahead", { weight_kg: 80, measured_at: "2026-11-25T12:00:01Z" }, "measured_at"],
  ])("answers 400 naming the field for %s", async (_label, change, path) => {
    const user = await h.createUser();
    const res = await post(user, { measured_at: "2026-11-20T07:00:00Z", ...change });
    const problem = await expectProblem(res, 400, "VALIDATION_FAILED");
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toEqual([path]);
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("merges into an imported measurement of the same instant: sent fields win, the others are kept", async () => {
    const user = await h.createUser();
    const [scale] = await h.deps.db
      .insert(sources)
      .values({ userId: user.id, name: "Withings Body+", deviceType: "scale", device: "WBS05" })
      .returning();
    const importedId = newId("bdy", Date.now());
    await h.deps.db.insert(bodyMeasurements).values({
      id: importedId,
      userId: user.id,
      measuredAt: new Date("2026-11-20T06:30:00Z"),
      utcOffsetMin: 0,
      localDate: "2026-11-20",
      weightKg: 82.0,
      bodyFatPct: 22.0,
      sourceId: scale?.id ?? null,
      importId: "imp_0000000000000000000000test",
    });
    const res = await post(user, { measured_at: "2026-11-20T07:30:00+01:00", weight_kg: 81.2 });
    expect(res.status).toBe(201);
    expect(await readJson<MeasurementBody>(res)).toMatchObject({
      id: importedId,
      weight_kg: 81.2,
      body_fat_pct: 22.0,
      utc_offset_min: 60,
      source: { name: "Withings Body+", device_type: "scale", device: "WBS05" },
      import_id: null,
    });
    await post(user, { measured_at: "2026-11-20T06:30:00.000Z", body_fat_pct: 21.0 });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ weightKg: 81.2, bodyFatPct: 21.0, importId: null, sourceId: scale?.id, utcOffsetMin: 0 });
  });
});

describe("GET /v1/body-measurements trend", () => {
  // TV-T1 weights (docs/science.md §6), one per day from 2026-09-01, with day 5 missing (TV-T3).
  const W = [90.4, 89.65, 90.0, 90.45, 89.3, 89.75, 90.0, 89.45, 90.1, 89.15, 89.7, 89.35, 90.0, 88.75, 89.3, 89.55, 88.9, 89.55, 88.9, 89.15, 89.0];
  const START = "2026-09-01";

  async function seedSeries(user: TestUser): Promise<void> {
    for (const [i, weightKg] of W.entries()) {
      if (i === 5) continue;
      expect((await post(user, { measured_at: `${dateAt(START, i)}T07:00:00+02:00`, weight_kg: weightKg })).status).toBe(201);
    }
  }

  it("matches the TV-T3 gap vector (docs/science.md §6) and carries the trend across the missing day", async () => {
    const user = await h.createUser();
    await seedSeries(user);
    const body = await report(user, START, dateAt(START, 20));
    expect(body.trend).toHaveLength(21);
    expect(body.trend_seeded_from).toBeNull();
    expect(body.measurements).toHaveLength(20);
    expect(body.trend[5]).toMatchObject({ date: "2026-09-06", measured_weight_kg: null });
    expect(body.trend[5]?.trend_weight_kg).toBeCloseTo(90.2074, 2);
    expect(body.trend[6]?.trend_weight_kg).toBeCloseTo(90.168, 2);
    expect(body.trend[20]?.trend_weight_kg).toBeCloseTo(89.4708, 2);
    expect(body.trend[20]?.measured_weight_kg).toBe(89.0);
  });

  it("seeds from the weigh-ins before `from`, so the first day is not cold-started", async () => {
    const user = await h.createUser();
    await seedSeries(user);
    const body = await report(user, dateAt(START, 10), dateAt(START, 20));
    expect(body.trend_seeded_from).toBe(START);
    expect(body.measurements.map((m) => m.local_date)[0]).toBe(dateAt(START, 10));
    const full = trendWeights(W.flatMap((weightKg, i) => (i === 5 ? [] : [{ dayIndex: i, weightKg }])));
    expect(body.trend.map((d) => d.date)).toEqual(full.slice(10).map((p) => dateAt(START, p.dayIndex)));
    body.trend.forEach((d, k) => {
      expect(d.trend_weight_kg).toBeCloseTo(full[10 + k]?.trendKg ?? Number.NaN, 2);
    });
    expect(body.trend[0]?.trend_weight_kg).not.toBeCloseTo(W[10] ?? 0, 2);
  });

  it("averages same-day weigh-ins, ignores weigh-ins over 60 days before `from`, and ends at the last weigh-in", async () => {
    const user = await h.createUser();
    const points: [string, number][] = [
      ["2026-07-01T07:00:00Z", 88.0], // 61 days before 2026-08-31: outside the seed window
      ["2026-07-02T07:00:00Z", 84.0], // 60 days before: the seed
      ["2026-08-31T07:00:00Z", 83.0],
      ["2026-08-31T21:00:00Z", 84.0],
      ["2026-09-03T23:30:00-04:00", 82.0], // local 09-03, UTC 09-04
    ];
    for (const [measured_at, weight_kg] of points) expect((await post(user, { measured_at, weight_kg })).status).toBe(201);
    await post(user, { measured_at: "2026-09-02T07:00:00Z", body_fat_pct: 20 });

    const body = await report(user, "2026-08-31", "2026-09-10");
    expect(body.trend_seeded_from).toBe("2026-07-02");
    const expected = trendWeights([
      { dayIndex: dayIndex("2026-07-02"), weightKg: 84.0 },
      { dayIndex: dayIndex("2026-08-31"), weightKg: 83.0 },
      { dayIndex: dayIndex("2026-08-31"), weightKg: 84.0 },
      { dayIndex: dayIndex("2026-09-03"), weightKg: 82.0 },
    ]).filter((p) => p.dayIndex >= dayIndex("2026-08-31"));
    expect(body.trend.map((d) => d.date)).toEqual(["2026-08-31", "2026-09-01", "2026-09-02", "2026-09-03"]);
    body.trend.forEach((d, k) => {
      expect(d.trend_weight_kg).toBeCloseTo(expected[k]?.trendKg ?? Number.NaN, 2);
    });
    expect(body.trend.map((d) => d.measured_weight_kg)).toEqual([83.5, null, null, 82.0]);
    expect(body.measurements.map((m) => [m.local_date, m.weight_kg, m.body_fat_pct])).toEqual([
      ["2026-08-31", 83.0, null],
      ["2026-08-31", 84.0, null],
      ["2026-09-02", null, 20],
      ["2026-09-03", 82.0, null],
    ]);
  });

  it("answers an empty trend with no weigh-ins, and checks the range", async () => {
    const user = await h.createUser();
    expect(await report(user, "2026-11-01", "2026-11-30")).toEqual({ measurements: [], next_cursor: null, trend: [], trend_seeded_from: null });
    await expectProblem(await h.request("/v1/body-measurements?from=2026-11-02&to=2026-11-01", { key: user.apiKey }), 400);
  });
});

describe("GET and DELETE /v1/body-measurements/{id}", () => {
  it("deletes: 204, gone, its day queued; another user's id is 404 everywhere and stays", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    const mine = await readJson<MeasurementBody>(await post(alice, { measured_at: "2026-11-21T07:00:00+09:00", weight_kg: 70 }));
    const bobs = await readJson<MeasurementBody>(await post(bob, { measured_at: "2026-11-21T07:00:00Z", weight_kg: 90 }));
    await takeRecomputeDates(h, alice.id);
    await takeRecomputeDates(h, bob.id);

    await expectProblem(await h.request(`/v1/body-measurements/${bobs.id}`, { key: alice.apiKey }), 404, "NOT_FOUND");
    await expectProblem(await h.request(`/v1/body-measurements/${bobs.id}`, { method: "DELETE", key: alice.apiKey }), 404);
    expect(await rowsOf(bob.id)).toHaveLength(1);
    expect(await takeRecomputeDates(h, bob.id)).toEqual([]);

    expect(await readJson<MeasurementBody>(await h.request(`/v1/body-measurements/${mine.id}`, { key: alice.apiKey }))).toMatchObject({
      id: mine.id,
      weight_kg: 70,
    });
    expect((await h.request(`/v1/body-measurements/${mine.id}`, { method: "DELETE", key: alice.apiKey })).status).toBe(204);
    expect(await rowsOf(alice.id)).toHaveLength(0);
    expect(await takeRecomputeDates(h, alice.id)).toEqual(["2026-11-21"]);
    await expectProblem(await h.request(`/v1/body-measurements/${mine.id}`, { method: "DELETE", key: alice.apiKey }), 404);
  });
});
