import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";
import { SETTLE_TIMEOUT_MS, sync, syncWorkout, tenBy60 } from "../hiit/hiit-test-kit.js";

// HIIT sessions, weigh-ins and weekly projections over three years, listed without a range, a page at a time.
let h: Harness;
let pool: WorkerPool;
let user: TestUser;
const HIIT_STARTS = ["2024-03-12T17:00:00Z", "2025-06-03T17:00:00Z", "2026-10-06T17:00:00Z"];
const WEIGH_INS: [string, number][] = [
  ["2024-03-12T06:00:00Z", 82.4],
  ["2024-03-13T06:00:00Z", 82.1],
  ["2025-06-03T06:00:00Z", 79.6],
  ["2025-06-04T06:00:00Z", 79.9],
  ["2026-10-06T06:00:00Z", 77.3],
];

beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
  user = await h.createUser({ sex: "male", birth_date: "1986-04-02", height_cm: 181, weight_kg: 82, hr_max_bpm: 185, time_zone: "Europe/Berlin" });
  await sync(h, user, { workouts: HIIT_STARTS.map((iso) => syncWorkout(tenBy60(Date.parse(iso)))) });
  for (const [at, kg] of WEIGH_INS) {
    expect((await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: { measured_at: at, weight_kg: kg } })).status).toBe(
      201,
    );
  }
  await waitFor(
    async () => {
      const res = await readJson<{ sessions: unknown[]; pending: boolean }>(await h.request("/v1/hiit-sessions?limit=1000", { key: user.apiKey }));
      const weeks = await readJson<{ pending: boolean }>(await h.request("/v1/projections/weekly", { key: user.apiKey }));
      return res.sessions.length === HIIT_STARTS.length && !res.pending && !weeks.pending ? true : undefined;
    },
    SETTLE_TIMEOUT_MS * 2,
    "HIIT detection and projections",
  );
}, 90_000);
afterAll(async () => {
  await pool.close();
  await h.close();
});

async function walk(path: string, listKey: string, limit: number): Promise<{ items: Record<string, unknown>[]; pages: Record<string, unknown>[] }> {
  const items: Record<string, unknown>[] = [];
  const pages: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await h.request(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { key: user.apiKey });
    expect(res.status).toBe(200);
    const body = await readJson<Record<string, unknown> & { next_cursor: string | null }>(res);
    const page = body[listKey] as Record<string, unknown>[];
    expect(page.length).toBeLessThanOrEqual(limit);
    items.push(...page);
    pages.push(body);
    cursor = body.next_cursor;
  } while (cursor !== null && pages.length < 50);
  return { items, pages };
}

describe("lists without a range, paged by cursor", () => {
  it("GET /v1/hiit-sessions pages through every year, oldest first; from/to filter on the local start date", async () => {
    const all = await walk("/v1/hiit-sessions", "sessions", 2);
    expect(all.pages).toHaveLength(2);
    expect(all.items.map((s) => String(s.start).slice(0, 10))).toEqual(["2024-03-12", "2025-06-03", "2026-10-06"]);
    // TV-I1: ten 60-s work bouts in each session.
    expect(all.items.map((s) => (s.intervals as unknown[]).length)).toEqual([10, 10, 10]);
    const ranged = await walk("/v1/hiit-sessions?from=2025-01-01&to=2025-12-31", "sessions", 100);
    expect(ranged.items.map((s) => String(s.start).slice(0, 10))).toEqual(["2025-06-03"]);
    const open = await walk("/v1/hiit-sessions?from=2025-06-04", "sessions", 100);
    expect(open.items).toHaveLength(1);
  });

  it("GET /v1/body-measurements pages through every weigh-in with the trend of each page's dates", async () => {
    const all = await walk("/v1/body-measurements", "measurements", 2);
    expect(all.pages).toHaveLength(3);
    expect(all.items.map((m) => m.weight_kg)).toEqual(WEIGH_INS.map(([, kg]) => kg));
    const [first] = all.pages;
    // Page one holds 2024-03-12 and -13: the trend covers those two days, seeded by nothing before them.
    expect(((first?.trend ?? []) as { date: string }[]).map((d) => d.date)).toEqual(["2024-03-12", "2024-03-13"]);
    expect(first?.trend_seeded_from).toBeNull();
    const ranged = await walk("/v1/body-measurements?from=2025-06-01&to=2025-06-30", "measurements", 100);
    expect(ranged.items.map((m) => m.weight_kg)).toEqual([79.6, 79.9]);
    expect(((ranged.pages[0]?.trend ?? []) as { measured_weight_kg: number | null }[]).map((d) => d.measured_weight_kg)).toEqual([79.6, 79.9]);
  });

  it("GET /v1/projections/weekly pages through every projected week, oldest first, each row once", async () => {
    const [stored] = await h.deps.sql<{ n: number; weeks: string[] }[]>`
      select count(*)::int as n, array_agg(distinct week_start::text order by week_start::text) as weeks
      from weekly_projections where user_id = ${user.id}`;
    const all = await walk("/v1/projections/weekly", "weeks", 3);
    expect(all.items).toHaveLength(stored?.n ?? -1);
    const keys = all.items.map((w) => `${String(w.week_start)}/${String(w.model)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    expect([...new Set(all.items.map((w) => w.week_start))]).toEqual(stored?.weeks);
    // The three HIIT weeks are among them (the days those sessions fell on were computed).
    expect(stored?.weeks).toEqual(expect.arrayContaining(["2024-03-11", "2025-06-02", "2026-10-05"]));
    const ranged = await walk("/v1/projections/weekly?from=2025-06-04&to=2025-06-04", "weeks", 100);
    expect(ranged.items.map((w) => w.week_start)).toEqual(["2025-06-02", "2025-06-02"]);
  });

  it("each list refuses a limit over 1000, a reversed range and a forged cursor", async () => {
    for (const path of ["/v1/hiit-sessions", "/v1/body-measurements", "/v1/projections/weekly"]) {
      await expectProblem(await h.request(`${path}?limit=1001`, { key: user.apiKey }), 400, "VALIDATION_FAILED");
      await expectProblem(await h.request(`${path}?from=2026-02-01&to=2026-01-01`, { key: user.apiKey }), 400, "VALIDATION_FAILED");
      const forged = Buffer.from(JSON.stringify(["2026-01-05T00:00:00.000Z", "bogus"])).toString("base64url");
      const res = await h.request(`${path}?cursor=${forged}`, { key: user.apiKey });
      if (path === "/v1/projections/weekly") await expectProblem(res, 400, "INVALID_CURSOR");
      else expect(res.status).toBe(200);
      await expectProblem(await h.request(`${path}?cursor=not-a-cursor!`, { key: user.apiKey }), 400, "INVALID_CURSOR");
    }
  });
});
