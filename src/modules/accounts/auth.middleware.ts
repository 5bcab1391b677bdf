import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../deps.js";
import { assertNotRateLimited, clientAddress, enforceRateLimit, type RateLimiter } from "../../http/middleware/rate-limit.js";
import type { AppEnv } from "../../http/router.js";
import { ForbiddenError, UnauthorizedError } from "../../lib/errors.js";
import { authenticate } from "./api-keys.service.js";

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

/**
 * Everything under /v1 needs a key, except /v1/admin which needs ADMIN_TOKEN. Anonymous and failed attempts
 * count against a per-address limit (slows key guessing); authenticated calls against a per-user limit.
 */
export function authAndRateLimit(deps: Deps): MiddlewareHandler<AppEnv> {
  const limiter: RateLimiter = { redis: deps.redis, keyPrefix: deps.env.QUEUE_PREFIX, logger: deps.logger };
  const anonLimit = deps.env.RATE_LIMIT_ANON_PER_MINUTE;
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
    // An address that has used up its failed attempts is refused before the key is looked up: guessing keys
    // costs no database query once it is rate-limited.
    const failuresKey = `auth-failures:${clientAddress(c)}`;
    await assertNotRateLimited(limiter, failuresKey, anonLimit);
    let identity: Awaited<ReturnType<typeof authenticate>>;
    try {
      identity = await authenticate(deps, token);
    } catch (err) {
      if (err instanceof UnauthorizedError) await enforceRateLimit(c, limiter, failuresKey, anonLimit);
      throw err;
    }
    c.set("userId", identity.userId);
    c.set("apiKeyId", identity.apiKeyId);
    c.set("unitSystem", identity.unitSystem);
    await enforceRateLimit(c, limiter, `user:${identity.userId}`, deps.env.RATE_LIMIT_PER_MINUTE);
    return next();
  };
}
