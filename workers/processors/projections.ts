import { removeUserSchedule } from "../../src/jobs/schedules.js";
import { projectLastWeek, projectUserWeek } from "../../src/modules/projections/index.js";
import type { Processor } from "../run-job.js";

/** Rewrites one user's rows for one week from the stored days and weigh-ins; safe to run any number of times. */
export const projectWeekJob: Processor<"projections.project-week"> = async (payload, { deps }) => {
  return { outcome: await projectUserWeek(deps, payload.userId, payload.weekStart) };
};

/** The Monday run of a user's scheduler; a deleted user's scheduler removes itself. */
export const projectLastWeekJob: Processor<"projections.project-last-week"> = async (payload, { deps }) => {
  const result = await projectLastWeek(deps, payload.userId);
  if (result === null) {
    await removeUserSchedule(deps.queues, "projections.project-last-week", payload.userId);
    return { outcome: "no-user" };
  }
  return result;
};
