import type { Deps } from "../../deps.js";
import { type JobPayload, jobDefinition } from "../../jobs/definitions.js";
import { enqueue, jobKey } from "../../jobs/enqueue.js";
import { markFailed } from "./imports.repo.js";

type ImportJobName = "imports.run" | "imports.delete";

// BullMQ states in which a job will still run (or is running): the reconciler leaves those alone.
const LIVE_STATES = new Set(["active", "waiting", "waiting-children", "delayed", "prioritized"]);

async function existingJob<N extends ImportJobName>(deps: Deps, name: N, payload: JobPayload<N>) {
  const key = jobKey(name, payload);
  return key === null ? undefined : deps.queues[jobDefinition(name).queue].getJob(key);
}

/** Whether the job of this run (or deletion) is still going to run. */
export async function hasLiveJob<N extends ImportJobName>(deps: Deps, name: N, payload: JobPayload<N>): Promise<boolean> {
  const job = await existingJob(deps, name, payload);
  return job !== undefined && LIVE_STATES.has(await job.getState());
}

/** Removes a job BullMQ kept after it failed or finished, so the same id can be queued again. */
export async function removeFinishedJob<N extends ImportJobName>(deps: Deps, name: N, payload: JobPayload<N>): Promise<void> {
  const job = await existingJob(deps, name, payload);
  if (job) await job.remove();
}

/** The last word on a run recovered too often: failed, with a reason that says it can be retried. */
export async function failImportInterrupted(deps: Deps, importId: string, run: number): Promise<void> {
  const failure = {
    code: "IMPORT_INTERRUPTED",
    message: "The import was interrupted several times (database or queue unavailable). Upload the file again or retry the import.",
  };
  await markFailed(deps.db, importId, failure, deps.clock.now(), {}, run);
}

/**
 * Queues one run of an import under its run number (a retry or a re-run is a new job id, not a no-op against the
 * finished job of an earlier run). Best effort: when Redis is down the import stays queued and the reconciler
 * enqueues it later.
 */
export async function enqueueImportRun(deps: Deps, importId: string, run: number): Promise<void> {
  try {
    await enqueue(deps, "imports.run", { importId, run });
  } catch (err) {
    deps.logger.warn({ importId, error: { message: (err as Error).message } }, "imports.enqueue-deferred");
  }
}

/** Queues the removal of an import whose deletion was asked for; best effort like a run (the reconciler retries). */
export async function enqueueImportDeletion(deps: Deps, importId: string): Promise<void> {
  try {
    await enqueue(deps, "imports.delete", { importId });
  } catch (err) {
    deps.logger.warn({ importId, error: { message: (err as Error).message } }, "imports.delete-enqueue-deferred");
  }
}
