import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";

export interface QueueReport {
  stalledEvents: number;
  failedEvents: number;
  activeEvents: number;
  /** From the finished job (kept by removeOnComplete for an hour), or null if it was already trimmed. */
  job: { attemptsStarted: number; attemptsMade: number; stalledCounter: number; failedReason: string | null } | null;
}

/** Listens to the imports queue's event stream for the whole run: the import job's stalls and failed attempts. */
export class ImportQueueWatch {
  private readonly connection: Redis;
  private readonly events: QueueEvents;
  /** Event name → job ids, for every event seen; filtered to the import's job when reporting. */
  private readonly seen = new Map<string, string[]>();

  private constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.events = new QueueEvents("imports", { connection: this.connection, prefix });
    this.events.on("stalled", ({ jobId }) => this.record("stalled", jobId));
    this.events.on("failed", ({ jobId }) => this.record("failed", jobId));
    this.events.on("active", ({ jobId }) => this.record("active", jobId));
  }

  private record(event: string, jobId: string): void {
    const ids = this.seen.get(event) ?? [];
    ids.push(jobId);
    this.seen.set(event, ids);
  }

  private count(event: string, jobId: string): number {
    return (this.seen.get(event) ?? []).filter((id) => id === jobId).length;
  }

  static async start(redisUrl: string, prefix: string): Promise<ImportQueueWatch> {
    const watch = new ImportQueueWatch(redisUrl, prefix);
    await watch.events.waitUntilReady();
    return watch;
  }

  async report(jobId: string): Promise<QueueReport> {
    const connection = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("imports", { connection, prefix: this.prefix });
    try {
      const job = await queue.getJob(jobId);
      return {
        stalledEvents: this.count("stalled", jobId),
        failedEvents: this.count("failed", jobId),
        activeEvents: this.count("active", jobId),
        job: job
          ? {
              attemptsStarted: job.attemptsStarted,
              attemptsMade: job.attemptsMade,
              stalledCounter: job.stalledCounter,
              failedReason: job.failedReason ?? null,
            }
          : null,
      };
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    this.connection.disconnect();
  }
}

/** Deletes every key under the run's unique prefix (queues, schedulers, rate-limit counters). */
export async function deletePrefixedKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await redis.del(...batch);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface DrainResult {
  ms: number;
  /** Jobs that ran in that time, all queues (from the completed/failed sets; trimming caps each at 1000). */
  completed: number;
  failed: number;
  drained: boolean;
}

async function pendingJobs(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts("waiting", "active", "prioritized", "waiting-children", "delayed");
  const busy = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) + (counts["waiting-children"] ?? 0);
  if (busy > 0 || (counts.delayed ?? 0) === 0) return busy;
  // Job schedulers (reconcilers, weekly projections) always keep their next run delayed: those are not pending work.
  const delayed = await queue.getJobs(["delayed"], 0, -1);
  return delayed.filter((job) => job.repeatJobKey === undefined).length;
}

/**
 * Waits until no queue has work left (the day recomputes, HIIT detections and projections that data sets off),
 * ignoring the scheduler jobs that are always delayed, for at most `timeoutMs`, or until `stop` says so (e.g. the
 * worker that would drain them has exited).
 */
export async function waitForDrain(
  queues: readonly Queue[],
  timeoutMs: number,
  onProgress?: (open: number) => void,
  stop: () => boolean = () => false,
): Promise<DrainResult> {
  const started = performance.now();
  const before = await finishedCounts(queues);
  let lastReport = 0;
  for (;;) {
    const pending = (await Promise.all(queues.map(pendingJobs))).reduce((a, b) => a + b, 0);
    const elapsed = performance.now() - started;
    if (pending === 0 || elapsed > timeoutMs || stop()) {
      const after = await finishedCounts(queues);
      return { ms: elapsed, completed: after.completed - before.completed, failed: after.failed - before.failed, drained: pending === 0 };
    }
    if (onProgress && elapsed - lastReport > 5_000) {
      onProgress(pending);
      lastReport = elapsed;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** waitForDrain from outside the service: the queues under `prefix` on a connection of its own. */
export async function waitForDerivedWork(
  redisUrl: string,
  prefix: string,
  queueNames: readonly string[],
  timeoutMs: number,
  stop?: () => boolean,
): Promise<DrainResult> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = queueNames.map((name) => new Queue(name, { connection, prefix }));
  try {
    return await waitForDrain(queues, timeoutMs, undefined, stop);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

/** Processing span of the completed jobs named `name` that finished after `sinceMs`, from BullMQ's own timestamps. */
export async function completedSpan(
  queue: Queue,
  name: string,
  sinceMs: number,
): Promise<{ count: number; firstStartMs: number; lastFinishMs: number; busyMs: number } | null> {
  const jobs = await queue.getJobs(["completed"], 0, -1);
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

async function finishedCounts(queues: readonly Queue[]): Promise<{ completed: number; failed: number }> {
  const all = await Promise.all(queues.map((q) => q.getJobCounts("completed", "failed")));
  let completed = 0;
  let failed = 0;
  for (const counts of all) {
    completed += counts.completed ?? 0;
    failed += counts.failed ?? 0;
  }
  return { completed, failed };
}
