import type { Deps } from "../../deps.js";
import { enqueue } from "../../jobs/enqueue.js";

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
