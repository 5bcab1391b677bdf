import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../src/app.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

// GET /v1/days answers from JSON kept per process under the version of its rows (src/http/answer-cache.ts). With a
// fixed clock a recompute rewrites a day with the same computed_at, so only the rows' own version can tell.

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

const watch = { name: "Watch", device_type: "watch" };

async function syncSteps(user: TestUser, start: string, steps: number) {
  const end = new Date(Date.parse(start) + 3_600_000).toISOString();
  const res = await h.request("/v1/sync", {
    method: "POST",
    key: user.apiKey,
    headers: { "idempotency-key": randomUUID() },
    json: { samples: [{ type: "steps", start, end, value: steps, unit: "count", source: watch }] },
  });
  expect(res.status).toBe(200);
}

interface DaysBody {
  days: { date: string; steps: number | null }[];
  pending: boolean;
}

async function days(user: TestUser, app = h.app): Promise<{ text: string; body: DaysBody }> {
  const res = await app.request("/v1/days?from=2026-11-20&to=2026-11-21", { headers: { authorization: `Bearer ${user.apiKey}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  const text = await res.text();
  return { text, body: JSON.parse(text) as DaysBody };
}

async function settledSteps(user: TestUser, app = h.app): Promise<(number | null)[]> {
  return waitFor(
    async () => {
      const { body } = await days(user, app);
      return body.pending ? undefined : body.days.map((d) => d.steps);
    },
    20_000,
    "days to settle",
  );
}

describe("GET /v1/days from kept answers", () => {
  it("a recompute with the same computed_at still changes the next answer, in every process", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await syncSteps(user, "2026-11-20T08:00:00Z", 1200);
    expect(await settledSteps(user)).toEqual([1200, null]);
    const again = await days(user);
    expect(again.body.days[0]?.steps).toBe(1200);

    const otherProcess = buildApp(h.deps);
    expect(await settledSteps(user, otherProcess)).toEqual([1200, null]);

    await syncSteps(user, "2026-11-20T09:00:00Z", 800);
    // The outbox row written with the samples turns `pending` on before any recompute ran.
    expect((await days(user)).body.pending).toBe(true);
    expect(await settledSteps(user)).toEqual([2000, null]);
    expect(await settledSteps(user, otherProcess)).toEqual([2000, null]);
  });

  it("answers exactly what it answered before, byte for byte, while nothing changed", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await syncSteps(user, "2026-11-21T10:00:00Z", 300);
    expect(await settledSteps(user)).toEqual([null, 300]);
    const first = await days(user);
    const second = await days(user);
    expect(second.text).toBe(first.text);
    expect(second.body.days.map((d) => d.date)).toEqual(["2026-11-20", "2026-11-21"]);
  });

  it("sends the kept answer gzipped to a client that accepts gzip, the same JSON once inflated", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await syncSteps(user, "2026-11-20T07:00:00Z", 4321);
    expect(await settledSteps(user)).toEqual([4321, null]);
    // Three weeks: answers under 1 KiB are sent as they are.
    const ask = (acceptEncoding: string) =>
      h.app.request("/v1/days?from=2026-11-01&to=2026-11-21", {
        headers: { authorization: `Bearer ${user.apiKey}`, "accept-encoding": acceptEncoding },
      });
    const plain = { text: await (await ask("identity")).text() };
    expect(Buffer.byteLength(plain.text)).toBeGreaterThan(1024);
    const zipped = await ask("br;q=1.0, gzip;q=0.8");
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("Accept-Encoding");
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(plain.text));
    expect(gunzipSync(bytes).toString("utf8")).toBe(plain.text);
    const refused = await ask("gzip;q=0, identity");
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(plain.text);
  });

  it("a night synced after the answer was kept shows in the next one (sleep is computed at read time)", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await syncSteps(user, "2026-11-21T12:00:00Z", 500);
    expect(await settledSteps(user)).toEqual([null, 500]);
    const before = await days(user);
    expect(before.body.days.map((d) => (d as { sleep_minutes?: number | null }).sleep_minutes)).toEqual([null, null]);
    const res = await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: {
        samples: [{ type: "sleep_asleep", start: "2026-11-20T23:00:00Z", end: "2026-11-21T06:30:00Z", value: 450, unit: "min", source: watch }],
      },
    });
    expect(res.status).toBe(200);
    // 23:00 → 06:30 asleep is 450 minutes, on the wake-up date.
    const after = await waitFor(
      async () => {
        const { body } = await days(user);
        const minutes = body.days.map((d) => (d as { sleep_minutes?: number | null }).sleep_minutes);
        return body.pending || minutes[1] === null ? undefined : minutes;
      },
      20_000,
      "the night to show",
    );
    expect(after).toEqual([null, 450]);
  });
});
