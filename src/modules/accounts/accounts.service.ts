import { pgErrorCode, UNIQUE_VIOLATION } from "../../db/errors.js";
import type { UserRow } from "../../db/schema/index.js";
import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { profileProblems } from "../../domain/body/profile-bounds.js";
import { kgFromLb } from "../../domain/body/weight-units.js";
import { upsertUserSchedules } from "../../jobs/schedules.js";
import { ConflictError, NotFoundError, ValidationError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { isValidTimeZone, localDateIn } from "../../lib/zone.js";

/** The zone a user has until they set one (the users table's default). */
const DEFAULT_TIME_ZONE = "UTC";

import type { CreateUserInput, ProfileInput } from "./accounts.schemas.js";
import { issueKeyInTx, keyPrefixesOf } from "./api-keys.service.js";
import { invalidateKeys } from "./auth-cache.js";
import { allUserZones as allUserZonesIn, findAnswersVersion, findUserById, insertUser, type UserPatch, updateUser } from "./users.repo.js";

/** Creates a user and their first API key in one transaction; the key is returned once and never stored. */
export async function createUserWithKey(deps: Deps, input: CreateUserInput): Promise<{ user: UserRow; apiKey: string }> {
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

/** The user, or undefined when there is none (a job whose user was deleted). */
export async function findUser(deps: Pick<Deps, "db">, userId: string): Promise<UserRow | undefined> {
  return findUserById(deps.db, userId);
}

/** The user, or 404. */
export async function getUser(deps: Pick<Deps, "db">, userId: string): Promise<UserRow> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new NotFoundError("user");
  return user;
}

/**
 * What the user's kept answers are tagged with (src/http/answer-cache.ts): the version that deferred triggers set
 * when a transaction changing the rows answers are built from commits (migration 0017), and the user's zone, for
 * today. One primary-key lookup; 404 when the user is gone.
 */
export async function answersVersionOf(deps: Pick<Deps, "db">, userId: string): Promise<{ version: string; timeZone: string }> {
  const row = await findAnswersVersion(deps.db, userId);
  if (!row) throw new NotFoundError("user");
  return { version: String(row.version), timeZone: row.timeZone };
}

/** Every user's id and time zone, a page at a time (for re-registering per-user schedules). */
export function allUserZones(deps: Pick<Deps, "db">): AsyncGenerator<{ id: string; timeZone: string }> {
  return allUserZonesIn(deps.db);
}

/**
 * Applies a profile patch after checking the merged profile is physiologically plausible (400 naming the fields if
 * not); a zone change moves the user's schedules. Returns the profile before and after.
 */
export async function updateUserProfile(deps: Deps, userId: string, input: ProfileInput): Promise<{ before: UserRow; updated: UserRow }> {
  const patch = toUserPatch(input);
  const before = await getUser(deps, userId);
  assertPlausibleProfile(deps, patch, before);
  const updated = await updateUser(deps.db, userId, { ...patch, updatedAt: deps.clock.now() });
  if (!updated) throw new NotFoundError("user");
  if (updated.timeZone !== before.timeZone) await scheduleUser(deps, updated);
  // The unit system travels with the remembered identity of the user's keys (auth-cache.ts).
  if (updated.unitSystem !== before.unitSystem) await invalidateKeys(deps, await keyPrefixesOf(deps, userId));
  return { before, updated };
}

/** Profile fields an import may bring: those the energy computation reads (BMR inputs, zone, heart-rate bounds). */
export interface ImportedProfile {
  sex: UserRow["sex"];
  birthDate: string | null;
  heightCm: number | null;
  weightKg: number | null;
  timeZone: string;
  hrMaxBpm: number | null;
  hrRestBpm: number | null;
  activityLevel: UserRow["activityLevel"];
}

/**
 * Fills the profile fields the user has not set from an imported profile: what the person typed always wins. The
 * zone counts as unset while it is the default (UTC). An imported profile that is not plausible is left out whole.
 */
export async function fillMissingProfile(deps: Deps, userId: string, imported: ImportedProfile): Promise<UserRow> {
  const before = await getUser(deps, userId);
  const patch: UserPatch = {};
  if (before.sex === null && imported.sex !== null) patch.sex = imported.sex;
  if (before.birthDate === null && imported.birthDate !== null) patch.birthDate = imported.birthDate;
  if (before.heightCm === null && imported.heightCm !== null) patch.heightCm = imported.heightCm;
  if (before.weightKg === null && imported.weightKg !== null) patch.weightKg = imported.weightKg;
  if (before.hrMaxBpm === null && imported.hrMaxBpm !== null) patch.hrMaxBpm = imported.hrMaxBpm;
  if (before.hrRestBpm === null && imported.hrRestBpm !== null) patch.hrRestBpm = imported.hrRestBpm;
  if (before.activityLevel === null && imported.activityLevel !== null) patch.activityLevel = imported.activityLevel;
  if (before.timeZone === DEFAULT_TIME_ZONE && isValidTimeZone(imported.timeZone)) patch.timeZone = imported.timeZone;
  if (Object.keys(patch).length === 0) return before;
  try {
    assertPlausibleProfile(deps, patch, before);
  } catch (err) {
    if (err instanceof ValidationError) return before;
    throw err;
  }
  const updated = await updateUser(deps.db, userId, { ...patch, updatedAt: deps.clock.now() });
  if (!updated) throw new NotFoundError("user");
  if (updated.timeZone !== before.timeZone) await scheduleUser(deps, updated);
  return updated;
}

/** Best effort: a worker re-registers every user's schedules at start, so a Redis hiccup here heals. */
async function scheduleUser(deps: Deps, user: UserRow): Promise<void> {
  await upsertUserSchedules(deps.queues, user.id, user.timeZone).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "user.schedules-not-registered"),
  );
}

function toUserPatch(input: ProfileInput): UserPatch {
  const patch: UserPatch = {};
  if (input.sex !== undefined) patch.sex = input.sex;
  if (input.birth_date !== undefined) patch.birthDate = input.birth_date;
  if (input.height_cm !== undefined) patch.heightCm = input.height_cm;
  if (input.weight_kg !== undefined) patch.weightKg = input.weight_kg;
  if (input.weight_lb !== undefined) patch.weightKg = input.weight_lb === null ? null : kgFromLb(input.weight_lb);
  if (input.unit_system !== undefined) patch.unitSystem = input.unit_system;
  if (input.time_zone !== undefined) patch.timeZone = input.time_zone;
  if (input.hr_max_bpm !== undefined) patch.hrMaxBpm = input.hr_max_bpm;
  if (input.hr_rest_bpm !== undefined) patch.hrRestBpm = input.hr_rest_bpm;
  if (input.activity_level !== undefined) patch.activityLevel = input.activity_level;
  return patch;
}

/** The profile as it would be after the patch must be physiologically plausible (docs/science.md §2.4). */
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
