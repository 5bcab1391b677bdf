import { afterAll, beforeAll } from "vitest";
import { startWorkers, type WorkerPool } from "../../workers/start-workers.js";
import { createHarness, type Harness } from "./harness.js";

/**
 * The calling test file's harness with real BullMQ workers on it: created before its tests (handed to `use`) and
 * closed after them, workers first.
 */
export function harnessWithWorkers(use: (h: Harness) => void): void {
  let h: Harness | undefined;
  let pool: WorkerPool | undefined;
  beforeAll(async () => {
    h = await createHarness();
    pool = startWorkers(h.deps);
    use(h);
  });
  afterAll(async () => {
    await pool?.close();
    await h?.close();
  });
}
