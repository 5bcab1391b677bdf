import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Redis } from "ioredis";
import { RateLimitedError } from "../../lib/errors.js";
import type { Logger } from "../../lib/logger.js";

const WINDOW_SEC = 60;

// Fixed window in Redis (atomic INCR + first-hit EXPIRE), so the limit holds across every API process. KEYS[2], when
// given, is read in the same round trip (the authentication cache's revocation epoch), and KEYS[3…] are tested for
// existence (the user's pending markers), so a request costs one.
const INCR_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local also = false
if #KEYS > 1 then also = redis.call('GET', KEYS[2]) end
local exists = {}
for i = 3, #KEYS do exists[#exists + 1] = redis.call('EXISTS', KEYS[i]) end
return {count, redis.call('TTL', KEYS[1]), also, exists}
`;

export interface RateLimiter {
  redis: Redis;
  keyPrefix: string;
  logger: Logger;
}

/** What a counted request read along: the value of `alsoRead` ("" when absent), or null when Redis was unreachable. */
export type AlsoRead = string | null;

/** What enforceRateLimit read along: `alsoRead`'s value ("" when absent), and whether each `alsoExists` key exists. */
export interface ReadAlong {
  value: string;
  exists: boolean[];
}

/**
 * Counts one request against `key`, sets the RateLimit-* headers, and throws 429 past the limit; `alsoRead`, a key
 * under the same prefix, is read in the same round trip, and so is whether each of `alsoExists` (full keys; only
 * with `alsoRead`) exists. Fails open when Redis is unreachable (null): the API keeps serving from Postgres rather
 * than turning a Redis outage into a full outage (documented in the README).
 */
export async function enforceRateLimit(
  c: Context,
  limiter: RateLimiter,
  key: string,
  limit: number,
  alsoRead?: string,
  alsoExists: readonly string[] = [],
): Promise<ReadAlong | null> {
  let count: number;
  let resetSec: number;
  let also: string | null;
  let exists: number[];
  try {
    const keys = [`${limiter.keyPrefix}:ratelimit:${key}`, ...(alsoRead === undefined ? [] : [`${limiter.keyPrefix}:${alsoRead}`, ...alsoExists])];
    [count, resetSec, also, exists] = (await limiter.redis.eval(INCR_SCRIPT, keys.length, ...keys, WINDOW_SEC)) as [
      number,
      number,
      string | null,
      number[],
    ];
  } catch (err) {
    limiter.logger.warn({ error: { message: (err as Error).message } }, "ratelimit.unavailable");
    return null;
  }
  const headers = {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, limit - count)),
    "RateLimit-Reset": String(Math.max(resetSec, 0)),
    "RateLimit-Policy": `${limit};w=${WINDOW_SEC}`,
  };
  if (count > limit) {
    const err = new RateLimitedError(Math.max(resetSec, 1));
    Object.assign(err.headers, headers);
    throw err;
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return { value: also ?? "", exists: exists.map((n) => n === 1) };
}

/**
 * Whether `key` has already used up `limit` in the current window, without counting this request: lets a caller
 * refuse work (a key lookup in Postgres) before doing it; `alsoRead` is read along as in enforceRateLimit. Fails
 * open like enforceRateLimit.
 */
export async function assertNotRateLimited(limiter: RateLimiter, key: string, limit: number, alsoRead?: string): Promise<AlsoRead> {
  let count: number;
  let ttlSec: number;
  let also: string | null = null;
  try {
    const redisKey = `${limiter.keyPrefix}:ratelimit:${key}`;
    const [value, ttl, alsoValue] = await Promise.all([
      limiter.redis.get(redisKey),
      limiter.redis.ttl(redisKey),
      alsoRead === undefined ? null : limiter.redis.get(`${limiter.keyPrefix}:${alsoRead}`),
    ]);
    count = Number(value ?? 0);
    ttlSec = ttl;
    also = alsoValue;
  } catch (err) {
    limiter.logger.warn({ error: { message: (err as Error).message } }, "ratelimit.unavailable");
    return null;
  }
  if (count >= limit) {
    const err = new RateLimitedError(Math.max(ttlSec, 1));
    Object.assign(err.headers, { "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0", "RateLimit-Policy": `${limit};w=${WINDOW_SEC}` });
    throw err;
  }
  return also ?? "";
}

/** The client address as the socket saw it (X-Forwarded-For is not trusted: it is client-controlled). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
