import type { Job, JobsOptions } from "bullmq";
import { JOBS, type JobName, type JobPayload } from "./definitions.js";
import type { Queues } from "./queues.js";

/** Validates the payload against the job's schema before it reaches Redis, then adds it to its queue. */
export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobPayload<N>,
  opts: JobsOptions = {},
): Promise<Job> {
  const definition = JOBS[name];
  const data = definition.schema.parse(payload);
  return queues[definition.queue].add(name, data, { ...definition.opts, ...opts });
}
