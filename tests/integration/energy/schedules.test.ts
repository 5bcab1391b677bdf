import { randomUUID } from "node:crypto";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../../src/jobs/enqueue.js";
import { userSchedulerId } from "../../../src/jobs/schedules.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

const nightlyFinalizeId = (userId: string) => userSchedulerId("energy.finalize-yesterday", userId) ?? "";

let h: Harness;
let pool: WorkerPool;
let events: QueueEvents;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
  events = new QueueEvents("energy", { connection: { url: h.deps.env.REDIS_URL }, prefix: h.deps.env.QUEUE_PREFIX });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events.close();
  await pool.close();
  await h.close();
});

const PROFILE = { sex: "male", birth_date: "1985-02-03", height_cm: 180, weight_kg: 80 };

describe("per-user schedules and profile-driven recomputes", () => {
  it("a new user gets a nightly finalize in their own time zone, moved when the zone changes", async () => {
    const user = await h.createUser({ time_zone: "Pacific/Auckland" });
    const scheduler = await h.deps.queues.energy.getJobScheduler(nightlyFinalizeId(user.id));
    expect(scheduler).toMatchObject({ pattern: "30 0 * * *", tz: "Pacific/Auckland" });
    await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { time_zone: "America/Denver" } });
    const moved = await h.deps.queues.energy.getJobScheduler(nightlyFinalizeId(user.id));
    expect(moved?.tz).toBe("America/Denver");
  });

  it("finalize-yesterday recomputes the user's local yesterday (UTC+14 is already a day ahead)", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "Pacific/Kiritimati" });
    const job = await enqueue(h.deps, "energy.finalize-yesterday", { userId: user.id });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ finalized: "2026-11-24" });
    const body = await readJson<{ days: { date: string; computed_at: string | null; basal_kcal: number | null }[] }>(
      await h.request("/v1/days?from=2026-11-24&to=2026-11-24", { key: user.apiKey }),
    );
    expect(body.days[0]?.computed_at).toBe("2026-11-24T12:00:00.000Z");
    // Computed, and honest: the user recorded nothing that day, so its burn is unknown, not the profile's BMR.
    expect(body.days[0]?.basal_kcal).toBeNull();
  });

  it("changing weight recomputes the days estimated from the profile", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "UTC" });
    const sample = {
      type: "steps",
      start: "2026-11-20T10:00:00Z",
      end: "2026-11-20T10:10:00Z",
      value: 500,
      unit: "count",
      source: { name: "Band", device_type: "band" },
    };
    await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: [sample], workouts: [] },
    });
    const basalAt = async () => {
      const body = await readJson<{ days: { basal_kcal: number | null }[]; pending: boolean }>(
        await h.request("/v1/days?from=2026-11-20&to=2026-11-20", { key: user.apiKey }),
      );
      return body.pending ? undefined : (body.days[0]?.basal_kcal ?? undefined);
    };
    const before = await waitFor(basalAt, 20_000, "first computation");
    await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { weight_kg: 90 } });
    const after = await waitFor(
      async () => {
        const value = await basalAt();
        return value !== undefined && value !== before ? value : undefined;
      },
      20_000,
      "recompute after the weight change",
    );
    // Mifflin–St Jeor: 10 kcal per kg.
    expect(after - before).toBeCloseTo(100, 6);
  });

  it("changing the time zone recomputes every day: 2026-11-24 is over at UTC+14", async () => {
    const user = await h.createUser({ ...PROFILE, time_zone: "UTC" });
    const sample = {
      type: "steps",
      start: "2026-11-24T10:00:00+00:00",
      end: "2026-11-24T10:10:00+00:00",
      value: 500,
      unit: "count",
      source: { name: "Band", device_type: "band" },
    };
    await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: [sample], workouts: [] },
    });
    const statusOn = async (wanted: string) => {
      const body = await readJson<{ days: { status: string; computed_at: string | null }[]; pending: boolean }>(
        await h.request("/v1/days?from=2026-11-24&to=2026-11-24", { key: user.apiKey }),
      );
      return !body.pending && body.days[0]?.computed_at && body.days[0].status === wanted ? wanted : undefined;
    };
    // 12:00Z: still the 24th in UTC.
    await waitFor(() => statusOn("in_progress"), 20_000, "the running day");
    await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { time_zone: "Pacific/Kiritimati" } });
    // 12:00Z is 02:00 on the 25th at UTC+14: the 24th is over, and ten minutes of steps make it partial.
    expect(await waitFor(() => statusOn("partial"), 20_000, "the recompute after the zone change")).toBe("partial");
  });
});
