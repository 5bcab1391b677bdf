import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../lib/logger.js";
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type QueueName } from "./definitions.js";

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: Redis, prefix: string, logger: Logger): Queues {
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    // Connection loss is reported once by the shared connection and by /readyz; log it here only at debug.
    queue.on("error", (err) => logger.debug({ queue: name, error: { message: err.message } }, "queue.error"));
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
