import { recomputeDay } from "../../src/modules/energy/energy.service.js";
import type { Processor } from "../run-job.js";

/** Rebuilds one user's local day from raw rows; safe to run any number of times. */
export const recomputeDayJob: Processor<"energy.recompute-day"> = async (payload, { deps }) => {
  const found = await recomputeDay(deps, payload.userId, payload.localDate);
  return { recomputed: found };
};
