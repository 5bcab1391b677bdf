import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../deps.js";
import type { AppEnv } from "../router.js";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Request id, per-request logger and one wide log line per request (no bodies, no keys, no health values). */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : `req_${randomUUID()}`;
    const logger = deps.logger.child({ requestId });
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("logger", logger);
    const startedMs = performance.now();
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    const status = c.res.status;
    const event = {
      method: c.req.method,
      route: c.req.routePath,
      status,
      durationMs: Math.round((performance.now() - startedMs) * 10) / 10,
      userId: c.get("userId"),
    };
    if (status >= 500) logger.error(event, "request");
    else logger.info(event, "request");
  };
}
