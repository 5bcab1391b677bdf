import { applyKeyUse } from "../../src/modules/accounts/index.js";
import type { Processor } from "../run-job.js";

/** Stamps last_used_at; monotonic, so a retried or late job can never move it backwards. */
export const recordKeyUse: Processor<"accounts.record-key-use"> = async (payload, { deps }) => {
  const updated = await applyKeyUse(deps, payload.apiKeyId, new Date(payload.usedAt));
  return { updated };
};
