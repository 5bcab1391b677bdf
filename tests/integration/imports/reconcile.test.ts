import { UnrecoverableError, Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports } from "../../../src/db/schema/index.js";
import { reconcileImports } from "../../../src/modules/imports/index.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { fixture, type ImportBody, upload } from "../../helpers/imports.js";

// The imports reconciler step by step, against real Postgres and Redis (no worker runs the jobs here, so each
// state is set up on purpose): a live job is left alone; a job BullMQ kept as failed under the run's id (its
// attempts ran out while Postgres was down) is removed and queued again; a run recovered too often fails with a
// retriable reason, and uploading the same file again runs it anew.

let h: Harness;
beforeAll(async () => {
  // Every unfinished import counts as stale at once; two recoveries per run.
  h = await createHarness({ IMPORT_STALE_AFTER_MS: "0", IMPORT_MAX_RECOVERIES: "2" });
});
afterAll(async () => {
  await h.close();
});

/** Runs the imports queue once with a processor that fails for good, so the waiting job ends `failed`. */
async function failWaitingJob(jobId: string): Promise<void> {
  const worker = new Worker(
    "imports",
    async () => {
      throw new UnrecoverableError("database unavailable");
    },
    { connection: h.deps.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true }), prefix: h.deps.env.QUEUE_PREFIX },
  );
  try {
    for (let i = 0; i < 100 && (await (await h.deps.queues.imports.getJob(jobId))?.getState()) !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await worker.close();
  }
  expect(await (await h.deps.queues.imports.getJob(jobId))?.getState()).toBe("failed");
}

const row = async (id: string) => (await h.deps.db.select().from(imports).where(eq(imports.id, id)))[0];

describe("imports.reconcile", () => {
  it("leaves a live job alone, re-adds a failed one, and ends a run recovered too often as failed, retriable", async () => {
    const user = await h.createUser();
    const bytes = fixture("gpx/togeojson__run_gpxtpx.gpx");
    const res = await upload(h, user.apiKey, bytes);
    expect(res.status).toBe(202);
    const { id } = await readJson<ImportBody>(res);
    const jobId = `import-${id}`;
    await new Promise((r) => setTimeout(r, 5));

    // Waiting in Redis: nothing to do.
    expect(await reconcileImports(h.deps)).toMatchObject({ requeued: 0, failed: 0 });
    expect(await (await h.deps.queues.imports.getJob(jobId))?.getState()).toBe("waiting");

    // Kept as failed by BullMQ while the import still says queued: removed and queued again, once per sweep.
    await failWaitingJob(jobId);
    await h.deps.db.update(imports).set({ status: "processing" }).where(eq(imports.id, id));
    await new Promise((r) => setTimeout(r, 5));
    expect(await reconcileImports(h.deps)).toMatchObject({ requeued: 1, failed: 0 });
    expect(await (await h.deps.queues.imports.getJob(jobId))?.getState()).toBe("waiting");
    expect(await row(id)).toMatchObject({ status: "processing", recoveries: 1, runs: 1 });

    // Lost altogether (a wiped Redis): queued again, the second and last recovery.
    await (await h.deps.queues.imports.getJob(jobId))?.remove();
    await new Promise((r) => setTimeout(r, 5));
    expect(await reconcileImports(h.deps)).toMatchObject({ requeued: 1, failed: 0 });
    expect(await row(id)).toMatchObject({ recoveries: 2 });

    // Failed again: out of recoveries, the import fails with a reason that says what to do.
    await failWaitingJob(jobId);
    await new Promise((r) => setTimeout(r, 5));
    expect(await reconcileImports(h.deps)).toMatchObject({ requeued: 0, failed: 1 });
    const failed = await readJson<ImportBody>(await h.request(`/v1/imports/${id}`, { key: user.apiKey }));
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "IMPORT_INTERRUPTED" });
    expect(failed.error?.message).toMatch(/Upload the file again or retry/);

    // Uploading the same bytes again answers with that import, queued as a new run with fresh recoveries.
    const again = await upload(h, user.apiKey, bytes);
    expect(again.status).toBe(202);
    expect(await readJson<ImportBody>(again)).toMatchObject({ id, status: "queued" });
    expect(await row(id)).toMatchObject({ status: "queued", runs: 2, recoveries: 0 });
    expect(await (await h.deps.queues.imports.getJob(`import-${id}-run-2`))?.getState()).toBe("waiting");
  });
});
