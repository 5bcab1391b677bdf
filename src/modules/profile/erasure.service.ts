import type { Deps } from "../../deps.js";
import { clearPendingOf, removeQueuedJobsOf, removeUserSchedules } from "../../jobs/erase.js";
import { UnprocessableError } from "../../lib/errors.js";
import { eraseUserRows, getUser, invalidateKeys, keyPrefixesOf } from "../accounts/index.js";
import { removeUploadsOf } from "../imports/index.js";

export interface Erasure {
  rows: Record<string, number>;
  files: number;
  queued_jobs: number;
  schedules: number;
}

/**
 * Erases the account (GDPR art. 17) once the caller types its email: every row of every table in one transaction (so
 * its keys stop working at once), then its stored uploads, its jobs not yet started, its schedules and markers.
 * Redis steps are best effort: a job left behind finds no user and ends, a schedule removes itself when it fires.
 */
export async function eraseAccount(deps: Deps, userId: string, confirm: string): Promise<Erasure> {
  const user = await getUser(deps, userId);
  if (confirm.trim().toLowerCase() !== user.email.trim().toLowerCase()) {
    throw new UnprocessableError("`confirm` must be this account's email address.", "CONFIRMATION_MISMATCH");
  }
  const keyPrefixes = await keyPrefixesOf(deps, userId);
  const { rows, importIds } = await eraseUserRows(deps.sql, userId);
  await invalidateKeys(deps, keyPrefixes);
  const files = await removeUploadsOf(deps.env.UPLOAD_DIR, userId);
  let queuedJobs = 0;
  let schedules = 0;
  try {
    queuedJobs = await removeQueuedJobsOf(deps, userId, new Set(importIds));
    schedules = await removeUserSchedules(deps, userId);
    await clearPendingOf(deps, userId);
  } catch (err) {
    deps.logger.warn({ error: { message: (err as Error).message } }, "erasure.redis-cleanup-incomplete");
  }
  deps.logger.info({ tables: Object.keys(rows).length }, "account.erased");
  return { rows, files, queued_jobs: queuedJobs, schedules };
}
