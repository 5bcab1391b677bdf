import { finalizeYesterday, recomputeDay } from "../../src/modules/energy/energy.service.js";
import type { Processor } from "../run-job.js";

/** Rebuilds one user's local day from raw rows; safe to run any number of times. */
export const recomputeDayJob: Processor<"energy.recompute-day"> = async (payload, { deps }) => {
  const found = await recomputeDay(deps, payload.userId, payload.localDate);
  return { recomputed: found };
};

/** The nightly run in the user's own time zone: yesterday's numbers become final (no longer "so far"). */
export const finalizeYesterdayJob: Processor<"energy.finalize-yesterday"> = async (payload, { deps }) => {
  const date = await finalizeYesterday(deps, payload.userId);
  return { finalized: date };
};
