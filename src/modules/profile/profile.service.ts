import type { UserRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { getUser, updateUserProfile } from "../accounts/index.js";
import { recomputeAllDays, recomputeEstimatedDays } from "../energy/index.js";
import { redetectHiitOnProfileChange } from "../hiit/index.js";
import type { ProfilePatch } from "./profile.schemas.js";

// The inputs of the BMR and activity estimates: a change to any of them changes every estimated day.
const PROFILE_FIELDS_FOR_ESTIMATES = ["sex", "birthDate", "heightCm", "weightKg"] as const;

export async function getProfile(deps: Deps, userId: string): Promise<UserRow> {
  return getUser(deps, userId);
}

/**
 * Updates the profile, then redoes what it feeds: every day after a zone change (its midnights moved), the
 * estimated days after a body change, HIIT after an HRmax or birth-date change. Those are best effort: the
 * update stands when Redis is down, and the next recompute catches up.
 */
export async function updateProfile(deps: Deps, userId: string, input: ProfilePatch): Promise<UserRow> {
  const { before, updated } = await updateUserProfile(deps, userId, input);
  const zoneChanged = updated.timeZone !== before.timeZone;
  if (zoneChanged || PROFILE_FIELDS_FOR_ESTIMATES.some((field) => updated[field] !== before[field])) {
    await (zoneChanged ? recomputeAllDays(deps, userId) : recomputeEstimatedDays(deps, userId)).catch((err: Error) =>
      deps.logger.warn({ error: { message: err.message } }, "profile.recompute-not-enqueued"),
    );
  }
  await redetectHiitOnProfileChange(deps, before, updated);
  return updated;
}
