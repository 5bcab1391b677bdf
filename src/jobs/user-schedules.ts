import { JOBS } from "./definitions.js";
import type { Queues } from "./queues.js";

// Half past midnight local time: late enough that yesterday is over everywhere in the user's zone.
const NIGHTLY_FINALIZE_CRON = "30 0 * * *";

export const userScheduleIds = {
  nightlyFinalize: (userId: string) => `nightly-finalize-${userId}`,
};

/**
 * Per-user repeating jobs that run in the user's own time zone. Idempotent (upsert), so it is called on user
 * creation, on a time-zone change, and for every user at worker start (which repairs a wiped Redis).
 */
export async function upsertUserSchedules(queues: Queues, userId: string, timeZone: string): Promise<void> {
  const definition = JOBS["energy.finalize-yesterday"];
  await queues[definition.queue].upsertJobScheduler(
    userScheduleIds.nightlyFinalize(userId),
    { pattern: NIGHTLY_FINALIZE_CRON, tz: timeZone },
    { name: "energy.finalize-yesterday", data: definition.schema.parse({ userId }), opts: definition.opts },
  );
}
