import { randomUUID } from "node:crypto";
import type { Deps } from "../../deps.js";
import { QuotaExceededError, TooManyConcurrentError } from "../../lib/errors.js";
import { storedUploadBytes } from "./imports.repo.js";

// Per-user bounds on uploads: how many stream at once (each holds a descriptor and a temp file for up to
// UPLOAD_REQUEST_TIMEOUT_MS) and how many bytes of stored files a user may keep.

// A sorted set per user in Redis, so the bound holds across API processes: members are uploads, scores the time
// their claim lapses (a crashed process's claims lapse on their own after the longest an upload may last).
const ACQUIRE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`;

/**
 * Claims one of the user's concurrent upload slots (429 when all are taken) and returns its release. Fails open
 * when Redis is unreachable, like the rate limiter: an outage must not stop uploads that Postgres can take.
 */
export async function claimUploadSlot(deps: Deps, userId: string): Promise<() => Promise<void>> {
  const key = `${deps.env.QUEUE_PREFIX}:uploads:${userId}`;
  const member = randomUUID();
  const nowMs = deps.clock.now().getTime();
  const limit = deps.env.UPLOAD_MAX_CONCURRENT_PER_USER;
  let claimed: number;
  try {
    claimed = (await deps.redis.eval(ACQUIRE_SCRIPT, 1, key, nowMs, nowMs + deps.env.UPLOAD_REQUEST_TIMEOUT_MS, limit, member)) as number;
  } catch (err) {
    deps.logger.warn({ error: { message: (err as Error).message } }, "upload-slots.unavailable");
    return async () => undefined;
  }
  if (claimed !== 1) {
    throw new TooManyConcurrentError(
      `You already have ${limit} uploads in progress; wait for one to finish, then upload again.`,
      "TOO_MANY_UPLOADS",
      5,
    );
  }
  return async () => {
    await deps.redis.zrem(key, member).catch((err: Error) => deps.logger.warn({ error: { message: err.message } }, "upload-slots.release-failed"));
  };
}

export const quotaExceeded = (quotaBytes: number, usedBytes: number) =>
  new QuotaExceededError(
    `This upload would take your stored uploads past your quota of ${quotaBytes} bytes (${usedBytes} used); delete imports you no longer need, or wait for finished imports' files to expire.`,
  );

/** The bytes the user may still store (413 when none); the caller caps the upload's stream at it. */
export async function remainingUploadBytes(deps: Deps, userId: string): Promise<{ remaining: number; used: number }> {
  const used = await storedUploadBytes(deps.db, userId);
  const remaining = deps.env.UPLOAD_QUOTA_BYTES_PER_USER - used;
  if (remaining <= 0) throw quotaExceeded(deps.env.UPLOAD_QUOTA_BYTES_PER_USER, used);
  return { remaining, used };
}
