import type { Deps } from "../../deps.js";
import type { UserRow } from "../../db/schema/index.js";
import { pgErrorCode, UNIQUE_VIOLATION } from "../../db/errors.js";
import { withTransaction } from "../../db/transaction.js";
import { ConflictError, NotFoundError, ValidationError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { upsertUserSchedules } from "../../jobs/schedules.js";
import { recomputeAllDays, recomputeEstimatedDays } from "../energy/energy.service.js";
import { redetectHiitOnProfileChange } from "../hiit/hiit-queue.service.js";
import type { CreateUserInput, ProfilePatch } from "./accounts.schemas.js";
import { issueKeyInTx } from "./api-keys.service.js";
import { profileProblems } from "../../domain/body/profile-bounds.js";
import { findUserById, type UserPatch, insertUser, updateUser } from "./users.repo.js";
import { localDateIn } from "../../lib/zone.js";

/** Creates a user and their first API key in one transaction; the key is returned once and never stored. */
export async function createUserWithKey(
  deps: Deps,
  input: CreateUserInput,
): Promise<{ user: UserRow; apiKey: string }> {
  const patch = toUserPatch(input);
  assertPlausibleProfile(deps, patch, null);
  const nowMs = deps.clock.now().getTime();
  try {
    const created = await withTransaction(deps.db, async (tx) => {
      const user = await insertUser(tx, { id: newId("usr", nowMs), email: input.email.trim(), ...patch });
      const issued = await issueKeyInTx(tx, user.id, "default", nowMs);
      return { user, apiKey: issued.apiKey };
    });
    await scheduleUser(deps, created.user);
    return created;
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError("A user with this email already exists.", "EMAIL_TAKEN");
    }
    throw err;
  }
}

export async function getProfile(deps: Deps, userId: string): Promise<UserRow> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new NotFoundError("user");
  return user;
}

export async function updateProfile(deps: Deps, userId: string, input: ProfilePatch): Promise<UserRow> {
  const patch = toUserPatch(input);
  const before = await findUserById(deps.db, userId);
  if (!before) throw new NotFoundError("user");
  assertPlausibleProfile(deps, patch, before);
  const updated = await updateUser(deps.db, userId, { ...patch, updatedAt: deps.clock.now() });
  if (!updated) throw new NotFoundError("user");
  if (updated.timeZone !== before.timeZone) await scheduleUser(deps, updated);
  const zoneChanged = updated.timeZone !== before.timeZone;
  if (zoneChanged || PROFILE_FIELDS_FOR_ESTIMATES.some((field) => updated[field] !== before[field])) {
    await (zoneChanged ? recomputeAllDays(deps, userId) : recomputeEstimatedDays(deps, userId)).catch((err: Error) =>
      deps.logger.warn({ error: { message: err.message } }, "profile.recompute-not-enqueued"),
    );
  }
  await redetectHiitOnProfileChange(deps, before, updated);
  return updated;
}

// The inputs of the BMR and activity estimates: a change to any of them changes every estimated day.
const PROFILE_FIELDS_FOR_ESTIMATES = ["sex", "birthDate", "heightCm", "weightKg"] as const;

/** Best effort: a worker re-registers every user's schedules at start, so a Redis hiccup here heals. */
async function scheduleUser(deps: Deps, user: UserRow): Promise<void> {
  await upsertUserSchedules(deps.queues, user.id, user.timeZone).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "user.schedules-not-registered"),
  );
}

function toUserPatch(input: ProfilePatch | CreateUserInput): UserPatch {
  const patch: UserPatch = {};
  if (input.sex !== undefined) patch.sex = input.sex;
  if (input.birth_date !== undefined) patch.birthDate = input.birth_date;
  if (input.height_cm !== undefined) patch.heightCm = input.height_cm;
  if (input.weight_kg !== undefined) patch.weightKg = input.weight_kg;
  if (input.time_zone !== undefined) patch.timeZone = input.time_zone;
  if (input.hr_max_bpm !== undefined) patch.hrMaxBpm = input.hr_max_bpm;
  if (input.hr_rest_bpm !== undefined) patch.hrRestBpm = input.hr_rest_bpm;
  if (input.activity_level !== undefined) patch.activityLevel = input.activity_level;
  return patch;
}

/** The profile as it would be after the patch must be physiologically plausible (400 naming the fields if not). */
function assertPlausibleProfile(deps: Deps, patch: UserPatch, before: UserRow | null): void {
  const merged = {
    birthDate: patch.birthDate !== undefined ? patch.birthDate : (before?.birthDate ?? null),
    heightCm: patch.heightCm !== undefined ? patch.heightCm : (before?.heightCm ?? null),
    weightKg: patch.weightKg !== undefined ? patch.weightKg : (before?.weightKg ?? null),
    hrRestBpm: patch.hrRestBpm !== undefined ? patch.hrRestBpm : (before?.hrRestBpm ?? null),
    hrMaxBpm: patch.hrMaxBpm !== undefined ? patch.hrMaxBpm : (before?.hrMaxBpm ?? null),
  };
  const errors = profileProblems(merged, localDateIn(deps.clock.now(), "UTC"));
  if (errors.length > 0) throw new ValidationError(errors);
}
