import { randomUUID } from "node:crypto";
import { QueueEvents } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../../src/db/schema/index.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

let h: Harness;
let pool: WorkerPool;
let events: QueueEvents;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T08:30:00Z") });
  pool = startWorkers(h.deps);
  events = new QueueEvents("accounts", { connection: { url: h.deps.env.REDIS_URL }, prefix: h.deps.env.QUEUE_PREFIX });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events.close();
  await pool.close();
  await h.close();
});

describe("accounts.record-key-use (API enqueues, worker runs)", () => {
  it("stamps last_used_at after an authenticated request", async () => {
    const user = await h.createUser();
    const [before] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.userId, user.id));
    expect(before?.lastUsedAt).toBeNull();

    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(200);
    const usedAt = await waitFor(
      async () => {
        const [row] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.userId, user.id));
        return row?.lastUsedAt ?? undefined;
      },
      10_000,
      "last_used_at",
    );
    expect(usedAt.toISOString()).toBe("2026-11-24T08:30:00.000Z");
    const listed = (await (await h.request("/v1/api-keys", { key: user.apiKey })).json()) as {
      api_keys: { last_used_at: string | null }[];
    };
    expect(listed.api_keys[0]?.last_used_at).toBe("2026-11-24T08:30:00.000Z");
  });

  it("fails a job with an invalid payload once, without retries", async () => {
    const queue = h.deps.queues.accounts;
    const job = await queue.add("accounts.record-key-use", { apiKeyId: "not-an-id", usedAt: "yesterday" }, { jobId: `bad-${randomUUID()}` });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid payload/);
    const failed = await queue.getJob(job.id ?? "");
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.getState()).toBe("failed");
  });

  it("never moves last_used_at backwards when an older job runs late", async () => {
    const user = await h.createUser();
    const [key] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.userId, user.id));
    const keyId = key?.id ?? "";
    const queue = h.deps.queues.accounts;
    for (const usedAt of ["2026-11-24T09:00:00.000Z", "2026-11-24T08:00:00.000Z"]) {
      const job = await queue.add("accounts.record-key-use", { apiKeyId: keyId, usedAt }, { jobId: `t-${randomUUID()}` });
      await job.waitUntilFinished(events, 10_000);
    }
    const [after] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(after?.lastUsedAt?.toISOString()).toBe("2026-11-24T09:00:00.000Z");
  });
});
