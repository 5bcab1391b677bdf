import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { isDatabaseUnavailable, pgErrorCode } from "../db/errors.js";
import { isRedisUnavailable } from "../jobs/redis.js";
import { AppError, BadRequestError, MethodNotAllowedError, NotFoundError, ServiceUnavailableError } from "../lib/errors.js";
import { internalProblem, isHttpException, problemFromAppError, problemFromHttpException, problemResponse } from "./problem.js";
import type { AppEnv } from "./router.js";

/** What a 503 tells clients to wait: about one reconnect attempt of the database pool or the Redis client. */
const RETRY_AFTER_SEC = 5;

// SQLSTATE 22021 (character not in repertoire: NUL in text) and 22P05 (untranslatable character, NUL in jsonb).
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/** The one place that turns any thrown error into an RFC 9457 response. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const requestId = c.get("requestId") ?? "unknown";
  const instance = c.req.path;
  if (err instanceof AppError) {
    return withRequestId(problemResponse(problemFromAppError(err, instance, requestId), err.headers), requestId);
  }
  // Text Postgres cannot store (a NUL character in a path, query or JSON string) is the client's input, not a fault.
  if (UNSTORABLE_TEXT.has(pgErrorCode(err) ?? "")) {
    const bad = new BadRequestError("Text may not contain NUL (\\u0000) characters.", "INVALID_CHARACTER");
    return withRequestId(problemResponse(problemFromAppError(bad, instance, requestId)), requestId);
  }
  if (isHttpException(err) && err.status < 500) {
    return withRequestId(problemResponse(problemFromHttpException(err, instance, requestId)), requestId);
  }
  const logger = c.get("logger");
  const unavailable = isDatabaseUnavailable(err) ? "database" : isRedisUnavailable(err) ? "queue" : null;
  if (unavailable) {
    // Degraded, not down: the client retries after Retry-After; the outage itself shows on /readyz.
    logger?.warn({ dependency: unavailable, error: { type: err.name, message: err.message } }, "request.dependency-unavailable");
    const problem = new ServiceUnavailableError(unavailable, RETRY_AFTER_SEC);
    return withRequestId(problemResponse(problemFromAppError(problem, instance, requestId), problem.headers), requestId);
  }
  logger?.error({ error: { type: err.name, message: err.message, stack: err.stack } }, "request.unhandled-error");
  return withRequestId(problemResponse(internalProblem(instance, requestId)), requestId);
};

function withRequestId(res: Response, requestId: string): Response {
  res.headers.set("X-Request-Id", requestId);
  return res;
}

type RouteList = () => { path: string; method: string }[];

/** The methods the app serves `path` under (a GET route also answers HEAD); empty for an unknown path. */
export function allowedMethods(routes: RouteList, path: string): Set<string> {
  const allowed = new Set<string>();
  for (const route of routes()) {
    if (route.method === "ALL" || !pathMatches(route.path, path)) continue;
    allowed.add(route.method.toUpperCase());
    if (route.method.toUpperCase() === "GET") allowed.add("HEAD");
  }
  return allowed;
}

/** 404 for unknown paths; 405 (with Allow) when the path exists under other methods. */
export function notFoundHandler(routes: RouteList): NotFoundHandler<AppEnv> {
  return (c: Context<AppEnv>) => {
    const allowed = allowedMethods(routes, c.req.path);
    // A route that answers "not found" itself (an unknown asset) is a 404, not a 405 naming its own method.
    const err =
      allowed.size > 0 && !allowed.has(c.req.method) ? new MethodNotAllowedError(c.req.method, [...allowed].sort()) : new NotFoundError("route");
    return onError(err, c);
  };
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern.includes("*")) return false;
  const regex = new RegExp(`^${pattern.replace(/:[A-Za-z_]+/g, "[^/]+")}/?$`);
  return regex.test(path);
}
