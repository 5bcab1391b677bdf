import type { Queues } from "../../src/jobs/queues.js";
import { sleep } from "./stats.js";

const OPEN_STATES = ["waiting", "delayed", "active", "prioritized", "waiting-children"] as const;
// Repeating schedulers (reconcilers, nightly finalize, weekly projection) always have a delayed job; ignore them.
const DATA_JOBS = new Set(["energy.recompute-day", "hiit.detect-workout", "hiit.detect-day", "hiit.redetect-user", "projections.project-week", "imports.run"]);

/** Data jobs still waiting, delayed or running, by name. */
export async function openDataJobs(queues: Queues): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const name of ["energy", "hiit", "projections", "imports"] as const) {
    const jobs = await queues[name].getJobs([...OPEN_STATES], 0, -1);
    for (const job of jobs) {
      if (job && DATA_JOBS.has(job.name)) counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
    }
  }
  return counts;
}

/** Polls until no data job is open; returns the seconds waited. Throws past the deadline. */
export async function waitForDrain(queues: Queues, timeoutMs: number, onProgress?: (open: number) => void): Promise<number> {
  const started = performance.now();
  let lastReport = 0;
  for (;;) {
    const open = [...(await openDataJobs(queues)).values()].reduce((a, b) => a + b, 0);
    if (open === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) throw new Error(`queues not drained after ${timeoutMs} ms (${open} jobs open)`);
    if (onProgress && performance.now() - lastReport > 5_000) {
      onProgress(open);
      lastReport = performance.now();
    }
    await sleep(250);
  }
}

/** Processing span of the completed jobs of `name` that finished after `sinceMs`, from BullMQ's own timestamps. */
export async function completedSpan(
  queues: Queues,
  queue: keyof Queues,
  name: string,
  sinceMs: number,
): Promise<{ count: number; firstStartMs: number; lastFinishMs: number; busyMs: number } | null> {
  const jobs = await queues[queue].getJobs(["completed"], 0, -1);
  let count = 0;
  let firstStartMs = Number.POSITIVE_INFINITY;
  let lastFinishMs = 0;
  let busyMs = 0;
  for (const job of jobs) {
    if (!job || job.name !== name || job.processedOn === undefined || job.finishedOn === undefined || job.finishedOn < sinceMs) continue;
    count++;
    firstStartMs = Math.min(firstStartMs, job.processedOn);
    lastFinishMs = Math.max(lastFinishMs, job.finishedOn);
    busyMs += job.finishedOn - job.processedOn;
  }
  return count === 0 ? null : { count, firstStartMs, lastFinishMs, busyMs };
}
