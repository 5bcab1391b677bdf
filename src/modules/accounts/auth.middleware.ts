import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Deps } from "../../deps.js";
import { assertNotRateLimited, clientAddress, enforceRateLimit, type RateLimiter } from "../../http/middleware/rate-limit.js";
import type { AppEnv } from "../../http/router.js";
import type { PendingKind } from "../../jobs/pending.js";
import { ForbiddenError, UnauthorizedError } from "../../lib/errors.js";
import { keyPrefixOf } from "./api-key-secret.js";
import { authenticate } from "./api-keys.service.js";
import { AuthCache, authEpochKey, type Identity } from "./auth-cache.js";

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S{1,512})$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** Compares digests so neither the length nor the content of ADMIN_TOKEN leaks through timing. */
function tokensEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

const HEALTH_PATHS = new Set(["/healthz", "/readyz"]);

/** Pending markers read along the rate-limit count: GET /v1/projections/weekly answers with them and no other trip. */
const PENDING_READ_ALONG: readonly PendingKind[] = ["projection"];

/**
 * Everything under /v1 needs a key, except /v1/admin which needs ADMIN_TOKEN. Anonymous and failed attempts
 * count against a per-address limit (slows key guessing); authenticated calls against a per-user limit.
 */
export function authAndRateLimit(deps: Deps): MiddlewareHandler<AppEnv> {
  const limiter: RateLimiter = { redis: deps.redis, keyPrefix: deps.env.QUEUE_PREFIX, logger: deps.logger };
  const anonLimit = deps.env.RATE_LIMIT_ANON_PER_MINUTE;
  const userLimit = deps.env.RATE_LIMIT_PER_MINUTE;
  const cache = new AuthCache(() => deps.clock.now().getTime());
  const admit = (c: Context<AppEnv>, identity: Identity) => {
    c.set("userId", identity.userId);
    c.set("apiKeyId", identity.apiKeyId);
    c.set("unitSystem", identity.unitSystem);
  };
  return async (c, next) => {
    const path = c.req.path;
    // Probes run every few seconds from one address; a 429 would take a healthy instance out of rotation.
    if (HEALTH_PATHS.has(path.replace(/\/$/, ""))) return next();
    if (!path.startsWith("/v1/")) {
      await enforceRateLimit(c, limiter, `ip:${clientAddress(c)}`, anonLimit * 10);
      return next();
    }
    const token = bearerToken(c.req.header("authorization"));
    if (path.startsWith("/v1/admin/")) {
      await enforceRateLimit(c, limiter, `admin:${clientAddress(c)}`, anonLimit);
      const adminToken = deps.env.ADMIN_TOKEN;
      if (!adminToken) throw new ForbiddenError("Admin routes are disabled: set ADMIN_TOKEN to enable them.");
      if (!token || !tokensEqual(token, adminToken)) throw new UnauthorizedError("A valid admin token is required.");
      return next();
    }
    if (!token) {
      await enforceRateLimit(c, limiter, `ip:${clientAddress(c)}`, anonLimit);
      throw new UnauthorizedError();
    }
    // A key seen lately: one Redis round trip counts the request and reads the key's epoch (and the user's pending
    // markers); the identity is used only if no revocation or profile change happened since it was looked up
    // (auth-cache.ts).
    const cached = cache.find(token);
    if (cached) {
      const pendingKeys = deps.pending.keysOf(PENDING_READ_ALONG, cached.userId);
      const along = await enforceRateLimit(c, limiter, `user:${cached.userId}`, userLimit, authEpochKey(cached.keyPrefix), pendingKeys);
      if (along !== null && along.value === cached.epoch) {
        admit(c, cached);
        c.set("pendingRead", deps.pending.readAlong(PENDING_READ_ALONG, along.exists));
        return next();
      }
      cache.forget(token);
    }
    // An address that has used up its failed attempts is refused before the key is looked up: guessing keys
    // costs no database query once it is rate-limited. The key's epoch is read before the lookup, see above.
    const failuresKey = `auth-failures:${clientAddress(c)}`;
    const keyPrefix = keyPrefixOf(token);
    const epoch = await assertNotRateLimited(limiter, failuresKey, anonLimit, keyPrefix ? authEpochKey(keyPrefix) : undefined);
    let identity: Identity;
    try {
      identity = await authenticate(deps, token);
    } catch (err) {
      if (err instanceof UnauthorizedError) await enforceRateLimit(c, limiter, failuresKey, anonLimit);
      throw err;
    }
    admit(c, identity);
    // Counted once: a request whose cached identity was stale has already been counted above.
    if (!cached) await enforceRateLimit(c, limiter, `user:${identity.userId}`, userLimit);
    if (keyPrefix && epoch !== null) cache.remember(token, identity, keyPrefix, epoch);
    return next();
  };
}
