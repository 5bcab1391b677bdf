import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { isWeekStart } from "../lib/calendar.js";
import type { PendingMarker } from "./pending.js";

// The one contract between producers (API, other jobs) and workers. Payloads carry ids only: BullMQ stores
// job data in Redis in clear text, so no health values, emails or keys ever go in here.

export const QUEUE_NAMES = ["accounts", "imports", "energy", "hiit", "projections"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`));

interface JobDefinition {
  queue: QueueName;
  schema: z.ZodType;
  opts: JobsOptions;
  /** For jobs behind an API `pending` flag: the marker set when enqueued and cleared when done (src/jobs/pending.ts). */
  pending?: (payload: never) => PendingMarker;
}

export const JOBS = {
  "accounts.record-key-use": {
    queue: "accounts",
    schema: z.object({ apiKeyId: id("key"), usedAt: z.iso.datetime({ offset: true }) }).strict(),
    opts: { attempts: 3 },
  },
  "imports.run": {
    queue: "imports",
    // run: the import's run number when the job was queued (retries and re-runs bump it); absent means the first.
    schema: z.object({ importId: id("imp"), run: z.number().int().positive().optional() }).strict(),
    opts: { attempts: 5 },
  },
  "imports.delete": {
    queue: "imports",
    schema: z.object({ importId: id("imp") }).strict(),
    opts: { attempts: 5 },
  },
  "energy.recompute-day": {
    queue: "energy",
    schema: z.object({ userId: id("usr"), localDate: z.iso.date() }).strict(),
    opts: { attempts: 5 },
    pending: (p: { userId: string; localDate: string }): PendingMarker => ({ kind: "recompute", userId: p.userId, member: p.localDate }),
  },
  "energy.recompute-range": {
    queue: "energy",
    schema: z.object({ userId: id("usr"), from: z.iso.date(), to: z.iso.date() }).strict().refine((p) => p.from <= p.to, "from must not be after to"),
    opts: { attempts: 5 },
    pending: (p: { userId: string; from: string; to: string }): PendingMarker => ({ kind: "recompute", userId: p.userId, member: `${p.from}..${p.to}` }),
  },
  "workouts.regroup-user": {
    // On the energy queue: its outcome is day recomputes, and it is as light as one.
    queue: "energy",
    schema: z.object({ userId: id("usr") }).strict(),
    opts: { attempts: 5 },
  },
  "energy.finalize-yesterday": {
    queue: "energy",
    schema: z.object({ userId: id("usr") }).strict(),
    opts: { attempts: 3 },
  },
  "imports.reconcile": {
    queue: "imports",
    schema: z.object({}).strict(),
    opts: { attempts: 1 },
  },
  "hiit.detect-workout": {
    queue: "hiit",
    schema: z.object({ userId: id("usr"), workoutId: id("wkt") }).strict(),
    opts: { attempts: 5 },
    pending: (p: { userId: string; workoutId: string }): PendingMarker => ({ kind: "hiit", userId: p.userId, member: p.workoutId }),
  },
  "hiit.detect-day": {
    queue: "hiit",
    schema: z.object({ userId: id("usr"), localDate: z.iso.date() }).strict(),
    opts: { attempts: 5 },
    pending: (p: { userId: string; localDate: string }): PendingMarker => ({ kind: "hiit", userId: p.userId, member: p.localDate }),
  },
  "hiit.redetect-user": {
    queue: "hiit",
    schema: z.object({ userId: id("usr") }).strict(),
    opts: { attempts: 5 },
    pending: (p: { userId: string }): PendingMarker => ({ kind: "hiit", userId: p.userId, member: "all" }),
  },
  "hiit.reconcile": {
    queue: "hiit",
    schema: z.object({}).strict(),
    opts: { attempts: 1 },
  },
  "projections.project-week": {
    queue: "projections",
    schema: z.object({ userId: id("usr"), weekStart: z.iso.date().refine(isWeekStart, "must be a Monday") }).strict(),
    opts: { attempts: 5 },
    pending: (p: { userId: string; weekStart: string }): PendingMarker => ({ kind: "projection", userId: p.userId, member: p.weekStart }),
  },
  "projections.project-last-week": {
    queue: "projections",
    schema: z.object({ userId: id("usr") }).strict(),
    opts: { attempts: 3 },
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["schema"]>;

/** Defaults for every job: bounded Redis memory (trim finished jobs) and exponential retries with jitter. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
};

/** Deterministic ids: BullMQ forbids ':' and all-digit custom ids. */
export const jobIds = {
  recordKeyUse: (apiKeyId: string) => `record-key-use-${apiKeyId}`,
  runImport: (importId: string, run = 1) => (run <= 1 ? `import-${importId}` : `import-${importId}-run-${run}`),
  deleteImport: (importId: string) => `delete-import-${importId}`,
  regroupUser: (userId: string) => `regroup-user-${userId}`,
  recomputeDay: (userId: string, localDate: string) => `recompute-day-${userId}-${localDate}`,
  recomputeRange: (userId: string, from: string, to: string) => `recompute-range-${userId}-${from}-${to}`,
  projectWeek: (userId: string, weekStart: string) => `project-week-${userId}-${weekStart}`,
  projectLastWeekSchedule: (userId: string) => `project-last-week-${userId}`,
  hiitWorkout: (workoutId: string) => `hiit-workout-${workoutId}`,
  hiitDay: (userId: string, localDate: string) => `hiit-day-${userId}-${localDate}`,
  hiitUser: (userId: string) => `hiit-user-${userId}`,
};

/** Repeating work, registered by every worker process at start (upserts are idempotent). */
export const SCHEDULES = [
  // Re-enqueues imports (and import deletions) left behind by a crash between their commit and their enqueue.
  { schedulerId: "imports-reconcile", name: "imports.reconcile", every: 60_000 },
  // Re-detects HIIT analyses stored under an older METHOD_VERSION, a batch at a time.
  { schedulerId: "hiit-reconcile", name: "hiit.reconcile", every: 600_000 },
] as const satisfies readonly { schedulerId: string; name: JobName; every: number }[];
