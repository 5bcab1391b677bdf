import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../../src/db/schema/index.js";
import { enqueue } from "../../../src/jobs/enqueue.js";
import { createHarness, type Harness } from "../../helpers/harness.js";
import { spawnService, waitFor } from "../../helpers/process.js";
import { testEnvVars } from "../../helpers/test-env.js";

let h: Harness;
const vars = testEnvVars({ LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: "20000" });
beforeAll(async () => {
  h = await createHarness({ QUEUE_PREFIX: vars.QUEUE_PREFIX });
});
afterAll(async () => {
  await h.close();
});

describe("graceful shutdown of a worker process", () => {
  it("on SIGTERM stops taking jobs but finishes the one in flight, then exits 0", async () => {
    const user = await h.createUser();
    const [key] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.userId, user.id));
    const keyId = key?.id ?? "";

    // Hold the key's row lock so the worker's job blocks mid-flight until the test lets it go.
    const lock = await h.deps.sql.reserve();
    await lock`begin`;
    await lock`select id from api_keys where id = ${keyId} for update`;

    const worker = spawnService(["src/process/main.ts", "worker"], vars);
    let jobId = "";
    try {
      const job = await enqueue(h.deps, "accounts.record-key-use", { apiKeyId: keyId, usedAt: "2026-11-24T07:00:00.000Z" });
      jobId = job.id ?? "";
      await waitFor(async () => ((await job.getState()) === "active" ? true : undefined), 20_000, "job to become active");

      worker.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1_000));
      expect(worker.child.exitCode).toBeNull();
      expect(await job.getState()).toBe("active");
    } finally {
      await lock`commit`;
      lock.release();
    }
    expect(await worker.exited).toBe(0);
    const [after] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(after?.lastUsedAt?.toISOString()).toBe("2026-11-24T07:00:00.000Z");
    const finished = await h.deps.queues.accounts.getJob(jobId);
    expect(await finished?.getState()).toBe("completed");
    const log = worker.stdout();
    const lines = log.split("\n");
    const begin = lines.findIndex((l) => l.includes('"msg":"shutdown.begin"'));
    const jobDone = lines.findIndex((l) => l.includes('"jobName":"accounts.record-key-use"') && l.includes('"outcome":"completed"'));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(jobDone).toBeGreaterThan(begin);
    expect(log).toContain('"msg":"shutdown.complete"');
  }, 40_000);
});
