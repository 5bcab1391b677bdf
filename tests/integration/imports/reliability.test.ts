import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { spawnService, waitFor } from "../../helpers/process.js";
import { writeSyntheticStepsExport } from "../../helpers/synthetic-export.js";
import { testEnvVars } from "../../helpers/test-env.js";

const dir = mkdtempSync(path.join(tmpdir(), "wearsync-reliability-"));
const vars = testEnvVars({ WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000", LOG_LEVEL: "silent" });
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ QUEUE_PREFIX: vars.QUEUE_PREFIX, UPLOAD_DIR: vars.UPLOAD_DIR });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function stepTotals(userId: string): Promise<{ rows: number; steps: number }> {
  const [row] = await h.deps.sql<{ rows: number; steps: number }[]>`
    select count(*)::int as rows, coalesce(sum(value), 0)::float8 as steps from samples where user_id = ${userId} and type = 'steps'`;
  return row ?? { rows: -1, steps: -1 };
}

describe("import reliability", () => {
  it("a worker SIGKILLed mid-import is recovered by another and ends with exactly the rows of a clean run", async () => {
    const file = await writeSyntheticStepsExport(path.join(dir, "big.xml"), 200_000);
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const killedWorker = spawnService(["src/process/main.ts", "worker"], vars);
    let pool: WorkerPool | undefined;
    try {
      const queued = await readJson<ImportBody>(await upload(h, user.apiKey, readFileSync(file.path)));
      const atKill = await waitFor(
        async () => {
          const body = await readJson<ImportBody>(await h.request(`/v1/imports/${queued.id}`, { key: user.apiKey }));
          return body.progress.records >= 20_000 ? body : undefined;
        },
        30_000,
        "the first batch to be written",
      );
      killedWorker.child.kill("SIGKILL");
      await killedWorker.exited;
      expect(atKill.status).toBe("processing");
      const partial = await stepTotals(user.id);
      expect(partial.rows).toBeGreaterThan(0);
      expect(partial.rows).toBeLessThan(file.records);

      pool = startWorkers(h.deps, { lockDurationMs: 2_000, stalledIntervalMs: 500 });
      const done = await settledImport(h, user.apiKey, queued.id, 120_000);
      expect(done.status).toBe("completed");
      expect(done.counts.steps).toEqual({ parsed: file.records, inserted: file.records, duplicate: 0, rejected: 0 });
      expect(await stepTotals(user.id)).toEqual({ rows: file.records, steps: file.stepsTotal });
      const job = await h.deps.queues.imports.getJob(`import-${queued.id}`);
      expect(job?.stalledCounter ?? 0).toBeGreaterThanOrEqual(1);
    } finally {
      killedWorker.child.kill("SIGKILL");
      await pool?.close();
    }
  }, 240_000);

  it("two overlapping imports of one user running at once both land, each record once", async () => {
    const a = await writeSyntheticStepsExport(path.join(dir, "a.xml"), 30_000);
    const b = await writeSyntheticStepsExport(path.join(dir, "b.xml"), 30_000, Date.UTC(2025, 0, 1) + 15_000 * 60_000);
    const user = await h.createUser();
    const pool = startWorkers(h.deps);
    try {
      const [first, second] = await Promise.all([
        upload(h, user.apiKey, readFileSync(a.path)).then((r) => readJson<ImportBody>(r)),
        upload(h, user.apiKey, readFileSync(b.path)).then((r) => readJson<ImportBody>(r)),
      ]);
      const [doneA, doneB] = await Promise.all([settledImport(h, user.apiKey, first.id, 60_000), settledImport(h, user.apiKey, second.id, 60_000)]);
      expect([doneA.status, doneB.status]).toEqual(["completed", "completed"]);
      const inserted = (doneA.counts.steps?.inserted ?? 0) + (doneB.counts.steps?.inserted ?? 0);
      expect(inserted).toBe(45_000);
      // Records 15,000..29,999 are in both files: their step values repeat with period 60, so the union sum is known.
      const unionSteps = Array.from({ length: 45_000 }, (_, i) => (i % 60) + 1).reduce((s, v) => s + v, 0);
      expect(await stepTotals(user.id)).toEqual({ rows: 45_000, steps: unionSteps });
    } finally {
      await pool.close();
    }
  }, 120_000);
});
