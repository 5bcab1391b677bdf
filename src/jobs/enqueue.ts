import type { Job, JobsOptions } from "bullmq";
import { type JobIdentity, type JobName, type JobPayload, jobDefinition } from "./definitions.js";
import type { PendingStore } from "./pending.js";
import type { Queues } from "./queues.js";

/** What a producer needs: the queues and the pending markers (Deps has both). */
export interface JobProducer {
  queues: Queues;
  pending: PendingStore;
}

// One addBulk round trip carries at most this many jobs (a user's whole history can be thousands of streams).
const ADD_BULK_SIZE = 500;

/** The BullMQ options of a job policy, for the job keyed `key`. */
function identityOptions(identity: JobIdentity, key: string): JobsOptions {
  switch (identity.policy) {
    case "job-id":
      return { jobId: key };
    case "debounce":
      return { delay: identity.delayMs, deduplication: { id: key, ttl: identity.delayMs, extend: true, replace: true } };
    case "debounce-keep-last":
      return { delay: identity.delayMs, deduplication: { id: key, extend: true, replace: true, keepLastIfActive: true } };
    case "coalesce":
      return { deduplication: { id: key, keepLastIfActive: true } };
    case "throttle":
      return { deduplication: { id: key, ttl: identity.windowMs } };
  }
}

/** The payload, checked against its schema, and the options JOBS declares for it. */
export function jobFor<N extends JobName>(name: N, payload: JobPayload<N>): { name: N; data: JobPayload<N>; opts: JobsOptions } {
  const definition = jobDefinition(name);
  const data = definition.schema.parse(payload);
  const identity = definition.identity;
  return { name, data, opts: { attempts: definition.attempts, ...(identity ? identityOptions(identity, identity.key(data)) : {}) } };
}

/** The key JOBS derives for a payload (the job id of a "job-id" policy, the de-duplication id of the others). */
export function jobKey<N extends JobName>(name: N, payload: JobPayload<N>): string | null {
  return jobDefinition(name).identity?.key(payload) ?? null;
}

/**
 * Requests one job: validated before it reaches Redis, its pending marker set first, collapsed with earlier
 * requests as its identity policy says. Returns the job (an earlier one when the request was absorbed).
 */
export async function enqueue<N extends JobName>(producer: JobProducer, name: N, payload: JobPayload<N>): Promise<Job> {
  const definition = jobDefinition(name);
  const { data, opts } = jobFor(name, payload);
  if (definition.pending) await producer.pending.mark([definition.pending(data)]);
  return producer.queues[definition.queue].add(name, data, opts);
}

/** enqueue for many payloads of one job, in bulk. Returns how many were requested. */
export async function enqueueMany<N extends JobName>(producer: JobProducer, name: N, payloads: readonly JobPayload<N>[]): Promise<number> {
  const definition = jobDefinition(name);
  for (let i = 0; i < payloads.length; i += ADD_BULK_SIZE) {
    const jobs = payloads.slice(i, i + ADD_BULK_SIZE).map((payload) => jobFor(name, payload));
    const marker = definition.pending;
    if (marker) await producer.pending.mark(jobs.map((j) => marker(j.data)));
    await producer.queues[definition.queue].addBulk(jobs);
  }
  return payloads.length;
}
