import { JOBS, type JobName, jobIds } from "./definitions.js";
import type { Queues } from "./queues.js";

interface UserSchedule {
  id: (userId: string) => string;
  /** Cron in the user's own time zone. */
  pattern: string;
  name: Extract<JobName, "energy.finalize-yesterday" | "projections.project-last-week">;
}

const USER_SCHEDULES: readonly UserSchedule[] = [
  // Half past midnight: yesterday is over everywhere in the user's zone; its numbers become final.
  { id: (userId) => `nightly-finalize-${userId}`, pattern: "30 0 * * *", name: "energy.finalize-yesterday" },
  // Early Monday: the week just ended gets its projection rows.
  { id: jobIds.projectLastWeekSchedule, pattern: "15 3 * * 1", name: "projections.project-last-week" },
];

export const userScheduleIds = {
  nightlyFinalize: (userId: string) => `nightly-finalize-${userId}`,
  weeklyProjection: jobIds.projectLastWeekSchedule,
};

/**
 * Per-user repeating jobs that run in the user's own time zone. Idempotent (upsert), so it is called on user
 * creation, on a time-zone change, and for every user at worker start (which repairs a wiped Redis).
 */
export async function upsertUserSchedules(queues: Queues, userId: string, timeZone: string): Promise<void> {
  for (const schedule of USER_SCHEDULES) {
    const definition = JOBS[schedule.name];
    await queues[definition.queue].upsertJobScheduler(
      schedule.id(userId),
      { pattern: schedule.pattern, tz: timeZone },
      { name: schedule.name, data: definition.schema.parse({ userId }), opts: definition.opts },
    );
  }
}
