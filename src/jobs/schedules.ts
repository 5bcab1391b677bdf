import { JOBS, type JobName, type JobSchedule, jobDefinition } from "./definitions.js";
import type { Queues } from "./queues.js";

type Scheduled<S> = { name: JobName; schedule: S };

function scheduledJobs(): Scheduled<JobSchedule>[] {
  return Object.entries(JOBS).flatMap(([name, def]) => (def.schedule ? [{ name: name as JobName, schedule: def.schedule }] : []));
}

const repeating = () => scheduledJobs().filter((s): s is Scheduled<Extract<JobSchedule, { every: number }>> => "every" in s.schedule);
const perUser = () => scheduledJobs().filter((s): s is Scheduled<Extract<JobSchedule, { cron: string }>> => "cron" in s.schedule);

/** Intervals configured instead of JOBS' defaults, by scheduler id (the reconcilers' sweep periods). */
export type ScheduleIntervals = Readonly<Record<string, number>>;

/**
 * The repeating jobs of JOBS. Upserting a scheduler is idempotent, so every worker does it at start, again whenever
 * its Redis connection comes back (a restarted Redis may have lost them), and the reconcilers do it on every sweep.
 */
export async function registerSchedules(queues: Queues, intervals: ScheduleIntervals = {}): Promise<void> {
  for (const { name, schedule } of repeating()) {
    const every = intervals[schedule.schedulerId] ?? schedule.every;
    await queues[jobDefinition(name).queue].upsertJobScheduler(schedule.schedulerId, { every }, { name, data: {} });
  }
}

/** The sweep periods the environment sets for the reconcilers. */
export function scheduleIntervals(env: { DAYS_RECONCILE_EVERY_MS: number; IMPORTS_RECONCILE_EVERY_MS: number }): ScheduleIntervals {
  return { "days-reconcile": env.DAYS_RECONCILE_EVERY_MS, "imports-reconcile": env.IMPORTS_RECONCILE_EVERY_MS };
}

/**
 * The per-user jobs of JOBS, in the user's own time zone. Idempotent (upsert), so it is called on user creation,
 * on a time-zone change, and for every user at worker start (which repairs a wiped Redis).
 */
export async function upsertUserSchedules(queues: Queues, userId: string, timeZone: string): Promise<void> {
  for (const { name, schedule } of perUser()) {
    const definition = jobDefinition(name);
    await queues[definition.queue].upsertJobScheduler(
      schedule.schedulerId(userId),
      { pattern: schedule.cron, tz: timeZone },
      { name, data: definition.schema.parse({ userId }), opts: { attempts: definition.attempts } },
    );
  }
}

/** The scheduler id of a per-user job for this user (null for a job without a per-user schedule). */
export function userSchedulerId(name: JobName, userId: string): string | null {
  const schedule = jobDefinition(name).schedule;
  return schedule && "cron" in schedule ? schedule.schedulerId(userId) : null;
}

/** A deleted user's schedulers remove themselves when they next fire. */
export async function removeUserSchedule(queues: Queues, name: JobName, userId: string): Promise<void> {
  const schedulerId = userSchedulerId(name, userId);
  if (schedulerId !== null) await queues[jobDefinition(name).queue].removeJobScheduler(schedulerId);
}
