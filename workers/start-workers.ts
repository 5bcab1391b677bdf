import { Worker } from "bullmq";
import type { Deps } from "../src/deps.js";
import { QUEUE_NAMES } from "../src/jobs/definitions.js";
import { createRedis } from "../src/jobs/redis.js";
import { registerSchedules, scheduleIntervals, upsertUserSchedules } from "../src/jobs/schedules.js";
import { allUserZones } from "../src/modules/accounts/index.js";
import { processors } from "./registry.js";
import { type ProcessorRegistry, runJob } from "./run-job.js";

export interface WorkerPool {
  workers: Worker[];
  /** Resolves once the repeating jobs are registered. */
  ready: Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish (the caller bounds this with a deadline). */
  close(): Promise<void>;
}

export interface WorkerOptions {
  registry?: ProcessorRegistry;
  /** Tests shorten these to see stalled-job recovery quickly; production keeps BullMQ's defaults. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** One Worker per queue, each with `concurrency` slots and its own blocking Redis connection. */
export function startWorkers(deps: Deps, options: WorkerOptions = {}): WorkerPool {
  const registry = options.registry ?? processors;
  const connection = createRedis(deps.env.REDIS_URL, "worker");
  connection.on("error", (err: Error) => deps.logger.debug({ error: { message: err.message } }, "redis.error"));
  let connectedOnce = false;
  let closing = false;
  // A Redis that restarted may have lost every scheduler: put them back each time the connection is ready again.
  connection.on("ready", () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    if (!closing) void restoreSchedules(deps, () => closing);
  });
  const workers = QUEUE_NAMES.map((queueName) => {
    const worker = new Worker(queueName, (job) => runJob(job, deps, registry), {
      connection,
      prefix: deps.env.QUEUE_PREFIX,
      concurrency: deps.env.WORKER_CONCURRENCY,
      lockDuration: options.lockDurationMs ?? deps.env.WORKER_LOCK_DURATION_MS,
      stalledInterval: options.stalledIntervalMs ?? deps.env.WORKER_STALLED_INTERVAL_MS,
    });
    worker.on("error", (err) => deps.logger.warn({ queue: queueName, error: { message: err.message } }, "worker.error"));
    return worker;
  });
  return {
    workers,
    ready: registerSchedules(deps.queues, scheduleIntervals(deps.env)).catch((err: Error) =>
      deps.logger.error({ error: { message: err.message } }, "worker.schedules-not-registered"),
    ),
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/**
 * Re-registers every user's time-zone schedules (repairs a wiped Redis). Runs in the background after start:
 * with many users it takes a while, and the process must answer signals meanwhile.
 */
export async function registerAllUserSchedules(deps: Deps): Promise<number> {
  let count = 0;
  for await (const user of allUserZones(deps)) {
    await upsertUserSchedules(deps.queues, user.id, user.timeZone);
    count++;
  }
  return count;
}

const RESTORE_ATTEMPTS = 10;
const RESTORE_RETRY_MS = 1_000;

/**
 * After a reconnect: the repeating schedules, then every user's. The producer connection reconnects on its own
 * timetable, so this retries a few times before giving up (the next reconnect or worker start tries again).
 */
async function restoreSchedules(deps: Deps, stopped: () => boolean): Promise<void> {
  for (let attempt = 1; attempt <= RESTORE_ATTEMPTS && !stopped(); attempt++) {
    try {
      await registerSchedules(deps.queues, scheduleIntervals(deps.env));
      const users = await registerAllUserSchedules(deps);
      deps.logger.info({ users }, "worker.schedules-restored");
      return;
    } catch (err) {
      deps.logger.debug({ attempt, error: { message: (err as Error).message } }, "worker.schedules-restore-retry");
      await new Promise((resolve) => setTimeout(resolve, RESTORE_RETRY_MS));
    }
  }
  if (!stopped()) deps.logger.error({}, "worker.schedules-not-restored");
}
