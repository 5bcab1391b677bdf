import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";

// "All my workouts" in one paginated walk: three years of data, no from/to.
let h: Harness;
let user: TestUser;
const watch = { name: "Lists Watch", device_type: "watch" };
const YEARS = ["2023", "2024", "2025", "2026"];
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  user = await h.createUser({ time_zone: "UTC" });
  const workouts = [];
  const samples = [];
  for (const year of YEARS) {
    for (const month of ["01", "04", "07"]) {
      const day = `${year}-${month}-10`;
      workouts.push({ external_id: `w-${day}`, activity_type: "running", start: `${day}T07:00:00Z`, end: `${day}T07:30:00Z`, source: watch });
      samples.push({ type: "steps", start: `${day}T09:00:00Z`, end: `${day}T09:10:00Z`, value: 500, unit: "count", source: watch });
    }
  }
  const res = await h.request("/v1/sync", {
    method: "POST",
    key: user.apiKey,
    headers: { "idempotency-key": randomUUID() },
    json: { samples, workouts },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { accepted: number }).accepted).toBe(24);
  const intake = await h.request("/v1/intake", {
    method: "POST",
    key: user.apiKey,
    json: { entries: YEARS.map((y) => ({ consumed_at: `${y}-02-01T12:00:00Z`, energy_kcal: 600 })) },
  });
  expect(intake.status).toBe(201);
});
afterAll(async () => {
  await h.close();
});

async function walk(path: string, listKey: string, limit: number): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await h.request(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { key: user.apiKey });
    expect(res.status).toBe(200);
    const body = await readJson<Record<string, unknown> & { next_cursor: string | null }>(res);
    items.push(...(body[listKey] as Record<string, unknown>[]));
    cursor = body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 50);
  return { items, pages };
}

describe("lists without a date range", () => {
  it("GET /v1/workouts pages through four years, newest first, each once", async () => {
    const { items, pages } = await walk("/v1/workouts", "workouts", 5);
    expect(items.map((w) => w.local_date)).toEqual(
      YEARS.flatMap((y) => ["01", "04", "07"].map((m) => `${y}-${m}-10`))
        .sort()
        .reverse(),
    );
    expect(pages).toBe(3);
  });

  it("GET /v1/samples pages through every sample, oldest first; from/to still filter", async () => {
    const all = await walk("/v1/samples?type=steps", "samples", 7);
    expect(all.items).toHaveLength(12);
    expect(all.items.reduce((sum, s) => sum + Number(s.value), 0)).toBe(6000);
    const ranged = await walk("/v1/samples?type=steps&from=2024-01-01&to=2025-12-31", "samples", 100);
    expect(ranged.items).toHaveLength(6);
    const open = await walk("/v1/samples?type=steps&from=2026-01-01", "samples", 100);
    expect(open.items).toHaveLength(3);
  });

  it("GET /v1/intake lists every entry without a range", async () => {
    const { items } = await walk("/v1/intake", "entries", 100);
    expect(items.map((e) => e.local_date)).toEqual(["2026-02-01", "2025-02-01", "2024-02-01", "2023-02-01"]);
  });

  it("GET /v1/summary defaults to the whole computed history and takes ranges over 366 days", async () => {
    const all = await readJson(await h.request("/v1/summary", { key: user.apiKey }));
    expect(typeof all.from).toBe("string");
    expect(typeof all.to).toBe("string");
    const long = await h.request("/v1/summary?from=2023-01-01&to=2026-11-24", { key: user.apiKey });
    expect(long.status).toBe(200);
    const body = await readJson<{ from: string; to: string; excluded: unknown[] }>(long);
    expect(body.excluded.length).toBe(1424);
  });

  it("limit defaults to 100 and stops at 1000; a reversed range is a 400", async () => {
    await expectProblem(await h.request("/v1/workouts?limit=1001", { key: user.apiKey }), 400, "VALIDATION_FAILED");
    expect((await h.request("/v1/workouts?limit=1000", { key: user.apiKey })).status).toBe(200);
    await expectProblem(await h.request("/v1/workouts?from=2026-02-01&to=2026-01-01", { key: user.apiKey }), 400, "VALIDATION_FAILED");
    await expectProblem(await h.request("/v1/days?from=2023-01-01&to=2026-01-01", { key: user.apiKey }), 400, "VALIDATION_FAILED");
  });
});
