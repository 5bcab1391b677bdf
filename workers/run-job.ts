import { type Job, UnrecoverableError } from "bullmq";
import { ZodError } from "zod";
import type { Deps } from "../src/deps.js";
import { JOBS, type JobName, type JobPayload, jobDefinition } from "../src/jobs/definitions.js";
import type { Logger } from "../src/lib/logger.js";

export interface JobContext {
  deps: Deps;
  logger: Logger;
  job: Job;
}

export type Processor<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
export type ProcessorRegistry = { [N in JobName]: Processor<N> };

/** A failure that retrying cannot fix (bad payload, missing row): BullMQ fails the job at once. */
export class PermanentJobError extends UnrecoverableError {}

function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** Validates the payload again at the consumer, dispatches, and writes one wide log line per attempt. */
export async function runJob(job: Job, deps: Deps, registry: ProcessorRegistry): Promise<unknown> {
  const logger = deps.logger.child({ jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
  const startedMs = performance.now();
  const outcome = (status: string, extra: Record<string, unknown> = {}) => ({
    durationMs: Math.round(performance.now() - startedMs),
    outcome: status,
    ...extra,
  });
  try {
    if (!isJobName(job.name)) throw new PermanentJobError(`unknown job name ${job.name}`);
    const result = await processWithMarker(job.name, job.data, { deps, logger, job }, registry);
    logger.info(outcome("completed"), "job");
    return result;
  } catch (err) {
    const error = err as Error;
    const permanent = err instanceof UnrecoverableError;
    logger.warn(outcome(permanent ? "failed-permanently" : "failed", { error: { type: error.name, message: error.message } }), "job");
    throw err;
  }
}

/**
 * Jobs behind an API `pending` flag note their marker before they read anything and clear it once done, unless
 * the same work was asked for again meanwhile (src/jobs/pending.ts).
 */
async function processWithMarker<N extends JobName>(name: N, data: unknown, ctx: JobContext, registry: ProcessorRegistry): Promise<unknown> {
  const payload = parsePayload(name, data);
  const marker = jobDefinition(name).pending?.(payload);
  const token = marker ? await ctx.deps.pending.begin(marker) : null;
  const result = await (registry[name] as Processor<N>)(payload, ctx);
  if (marker) await ctx.deps.pending.finish(marker, token);
  return result;
}

function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  try {
    return jobDefinition(name).schema.parse(data);
  } catch (err) {
    if (err instanceof ZodError) throw new PermanentJobError(`invalid payload for ${name}: ${err.issues.map((i) => i.path.join(".")).join(", ")}`);
    throw err;
  }
}
