import type { Deps } from "../deps.js";
import { JOBS, type JobName } from "./definitions.js";
import type { PendingKind } from "./pending.js";
import { removeUserSchedule, userSchedulerId } from "./schedules.js";

// Erasing a person (GDPR art. 17) takes their work out of Redis too: jobs not yet started, per-user schedules and
// `pending` markers. A job already running finds no user and ends (processors read the user first).

const NOT_STARTED = ["waiting", "delayed", "prioritized", "waiting-children"] as const;
const PAGE = 500;
const PENDING_KINDS: readonly PendingKind[] = ["recompute", "projection", "hiit"];

/** Removes every job not yet started whose payload names the user or one of `importIds`; returns how many. */
export async function removeQueuedJobsOf(deps: Pick<Deps, "queues">, userId: string, importIds: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const queue of Object.values(deps.queues)) {
    const mine = [];
    // Read every page first, then remove: removing while paging would shift the pages.
    for (let start = 0; ; start += PAGE) {
      const jobs = await queue.getJobs([...NOT_STARTED], start, start + PAGE - 1, true);
      for (const job of jobs) {
        const data = (job.data ?? {}) as { userId?: unknown; importId?: unknown };
        if (data.userId === userId || (typeof data.importId === "string" && importIds.has(data.importId))) mine.push(job);
      }
      if (jobs.length < PAGE) break;
    }
    for (const job of mine) {
      await job.remove().catch(() => undefined);
      removed += 1;
    }
  }
  return removed;
}

/** Removes the user's per-user schedulers (nightly finalize, weekly projection); returns how many there were. */
export async function removeUserSchedules(deps: Pick<Deps, "queues">, userId: string): Promise<number> {
  let count = 0;
  for (const name of Object.keys(JOBS) as JobName[]) {
    if (userSchedulerId(name, userId) === null) continue;
    await removeUserSchedule(deps.queues, name, userId);
    count += 1;
  }
  return count;
}

/** Deletes the user's `pending` markers. */
export async function clearPendingOf(deps: Pick<Deps, "redis" | "pending">, userId: string): Promise<void> {
  await deps.redis.del(...PENDING_KINDS.map((kind) => deps.pending.key(kind, userId)));
}
