import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { isWeekStart } from "../lib/calendar.js";
import type { PendingMarker } from "./pending.js";

// The one contract between producers (API, other jobs) and workers: each job's queue, payload, retries, how
// repeated requests collapse (identity), the API `pending` marker it keeps, and its schedule. Payloads carry ids
// only: BullMQ stores job data in Redis in clear text, so no health values, emails or keys ever go in here.

export const QUEUE_NAMES = ["accounts", "imports", "energy", "hiit", "projections"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** How repeated requests for the same work (the same `key`) become jobs; src/jobs/enqueue.ts turns it into BullMQ options. */
export type JobIdentity =
  /** The key is the job id: while that job exists (waiting, running or kept as finished), the same request adds nothing. */
  | { policy: "job-id" }
  /** Runs `delayMs` after the last request: a request while it waits replaces it; once it runs, a request queues anew. */
  | { policy: "debounce"; delayMs: number }
  /** As debounce, and a request while it runs is kept (the latest one) and runs after it. */
  | { policy: "debounce-keep-last"; delayMs: number }
  /** Not delayed; a request while one waits is dropped, and one while it runs is kept and runs after it. */
  | { policy: "coalesce" }
  /** At most one job per key within `windowMs` of the first request; later requests in the window are dropped. */
  | { policy: "throttle"; windowMs: number };

export type JobSchedule =
  /** Repeating work, registered by every worker process at start (an idempotent upsert). */
  | { every: number; schedulerId: string }
  /** Per user, a cron pattern in the user's own time zone. */
  | { cron: string; schedulerId: (userId: string) => string };

interface JobDefinition<P> {
  queue: QueueName;
  schema: z.ZodType<P>;
  attempts: number;
  identity?: { key: (payload: P) => string } & JobIdentity;
  /** For work behind an API `pending` flag: the marker set when requested and cleared when done (src/jobs/pending.ts). */
  pending?: (payload: P) => PendingMarker;
  schedule?: JobSchedule;
}

/** Infers the payload type from the schema, so keys and markers are checked against it. */
function job<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`));
const userOnly = z.object({ userId: id("usr") }).strict();
const nothing = z.object({}).strict();

// Deterministic keys: BullMQ forbids ':' and all-digit custom ids.
export const JOBS = {
  "accounts.record-key-use": job({
    queue: "accounts",
    schema: z.object({ apiKeyId: id("key"), usedAt: z.iso.datetime({ offset: true }) }).strict(),
    attempts: 3,
    // last_used_at is advisory: one write per key per minute keeps authentication off the write path.
    identity: { policy: "throttle", windowMs: 60_000, key: (p) => `record-key-use-${p.apiKeyId}` },
  }),
  "imports.run": job({
    queue: "imports",
    // run: the import's run number when the job was queued (retries and re-runs bump it); absent means the first.
    schema: z.object({ importId: id("imp"), run: z.number().int().positive().optional() }).strict(),
    attempts: 5,
    identity: { policy: "job-id", key: (p) => ((p.run ?? 1) <= 1 ? `import-${p.importId}` : `import-${p.importId}-run-${p.run}`) },
  }),
  "imports.delete": job({
    queue: "imports",
    schema: z.object({ importId: id("imp") }).strict(),
    attempts: 5,
    identity: { policy: "job-id", key: (p) => `delete-import-${p.importId}` },
  }),
  "imports.reconcile": job({
    queue: "imports",
    schema: nothing,
    attempts: 1,
    // Re-enqueues imports (and import deletions) left behind by a crash between their commit and their enqueue.
    schedule: { every: 60_000, schedulerId: "imports-reconcile" },
  }),
  "energy.recompute-day": job({
    queue: "energy",
    schema: z.object({ userId: id("usr"), localDate: z.iso.date() }).strict(),
    attempts: 5,
    // An import touching a day in many batches, or a burst of edits, recomputes it once.
    identity: { policy: "debounce", delayMs: 2_000, key: (p) => `recompute-day-${p.userId}-${p.localDate}` },
    // Its `pending` is the dirty-days row in Postgres (src/jobs/dirty-days.ts), not a Redis marker.
  }),
  "energy.recompute-range": job({
    queue: "energy",
    schema: z
      .object({ userId: id("usr"), from: z.iso.date(), to: z.iso.date() })
      .strict()
      .refine((p) => p.from <= p.to, "from must not be after to"),
    attempts: 5,
    // A waiting range has not read anything yet; a running one runs again after it, so no change is missed.
    identity: { policy: "coalesce", key: (p) => `recompute-range-${p.userId}-${p.from}-${p.to}` },
  }),
  "energy.reconcile-days": job({
    queue: "energy",
    schema: nothing,
    attempts: 1,
    // Re-queues the recompute of dirty days whose job was lost (Redis restarted or unreachable at enqueue time).
    schedule: { every: 30_000, schedulerId: "days-reconcile" },
  }),
  "energy.finalize-yesterday": job({
    queue: "energy",
    schema: userOnly,
    attempts: 3,
    // Half past midnight: yesterday is over everywhere in the user's zone; its numbers become final.
    schedule: { cron: "30 0 * * *", schedulerId: (userId) => `nightly-finalize-${userId}` },
  }),
  "workouts.regroup-user": job({
    // On the energy queue: its outcome is day recomputes, and it is as light as one.
    queue: "energy",
    schema: userOnly,
    attempts: 5,
    identity: { policy: "job-id", key: (p) => `regroup-user-${p.userId}` },
  }),
  "hiit.detect-workout": job({
    queue: "hiit",
    schema: z.object({ userId: id("usr"), workoutId: id("wkt") }).strict(),
    attempts: 5,
    // Like the day recomputes: a burst of sync batches touching one stream detects it once.
    identity: { policy: "debounce", delayMs: 1_000, key: (p) => `hiit-workout-${p.workoutId}` },
    pending: (p) => ({ kind: "hiit", userId: p.userId, member: p.workoutId }),
  }),
  "hiit.detect-day": job({
    queue: "hiit",
    schema: z.object({ userId: id("usr"), localDate: z.iso.date() }).strict(),
    attempts: 5,
    identity: { policy: "debounce", delayMs: 1_000, key: (p) => `hiit-day-${p.userId}-${p.localDate}` },
    pending: (p) => ({ kind: "hiit", userId: p.userId, member: p.localDate }),
  }),
  "hiit.redetect-user": job({
    queue: "hiit",
    schema: userOnly,
    attempts: 5,
    identity: { policy: "debounce", delayMs: 1_000, key: (p) => `hiit-user-${p.userId}` },
    pending: (p) => ({ kind: "hiit", userId: p.userId, member: "all" }),
  }),
  "hiit.reconcile": job({
    queue: "hiit",
    schema: nothing,
    attempts: 1,
    // Re-detects HIIT analyses stored under an older METHOD_VERSION, a batch at a time.
    schedule: { every: 600_000, schedulerId: "hiit-reconcile" },
  }),
  "projections.project-week": job({
    queue: "projections",
    schema: z.object({ userId: id("usr"), weekStart: z.iso.date().refine(isWeekStart, "must be a Monday") }).strict(),
    attempts: 5,
    // The days of a week recompute one after another; their projection runs once, after the last.
    identity: { policy: "debounce-keep-last", delayMs: 3_000, key: (p) => `project-week-${p.userId}-${p.weekStart}` },
    pending: (p) => ({ kind: "projection", userId: p.userId, member: p.weekStart }),
  }),
  "projections.project-last-week": job({
    queue: "projections",
    schema: userOnly,
    attempts: 3,
    // Early Monday: the week just ended gets its projection rows.
    schedule: { cron: "15 3 * * 1", schedulerId: (userId) => `project-last-week-${userId}` },
  }),
};

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = (typeof JOBS)[N] extends JobDefinition<infer P> ? P : never;

/** The definition of one job, typed by its payload (JOBS[name] is a union of every job's definition). */
export function jobDefinition<N extends JobName>(name: N): JobDefinition<JobPayload<N>> {
  return JOBS[name] as unknown as JobDefinition<JobPayload<N>>;
}

/** Defaults for every job: bounded Redis memory (trim finished jobs) and exponential retries with jitter. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
};
