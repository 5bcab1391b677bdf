import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Env } from "../../config/env.js";
import { PayloadTooLargeError, UnsupportedMediaTypeError } from "../../lib/errors.js";
import type { AppEnv } from "../router.js";

export interface BodyRule {
  /** Path prefix the rule applies to; the longest matching prefix wins. */
  pathPrefix: string;
  limitBytes: number;
  /** Accepted media types; "any" takes every type (an upload is raw bytes whatever a client labels it). */
  mediaTypes: string[] | "any";
}

const JSON_TYPES = ["application/json"];

/** Per-route body caps and accepted media types. Routes not listed take the JSON default. */
export function bodyRules(env: Env): BodyRule[] {
  return [
    // curl --data-binary labels a body application/x-www-form-urlencoded, browsers send application/zip: an upload
    // is its bytes whatever the label; only multipart/form-data is read as a form (its `file` field).
    { pathPrefix: "/v1/imports", limitBytes: env.UPLOAD_MAX_BYTES, mediaTypes: "any" },
    { pathPrefix: "/v1/sync", limitBytes: env.SYNC_BODY_LIMIT_BYTES, mediaTypes: JSON_TYPES },
    { pathPrefix: "/v1/integrations/", limitBytes: env.SYNC_BODY_LIMIT_BYTES, mediaTypes: JSON_TYPES },
  ];
}

export function ruleFor(rules: BodyRule[], path: string, env: Env): BodyRule {
  let best: BodyRule = { pathPrefix: "", limitBytes: env.JSON_BODY_LIMIT_BYTES, mediaTypes: JSON_TYPES };
  for (const rule of rules) {
    if (path.startsWith(rule.pathPrefix) && rule.pathPrefix.length > best.pathPrefix.length) best = rule;
  }
  return best;
}

/** The HTTP version of a request that came over a socket (the node adapter's incoming message); null in-process. */
function socketHttpVersion(env: unknown): string | null {
  const incoming = (env as { incoming?: { httpVersion?: unknown } } | undefined)?.incoming;
  return typeof incoming?.httpVersion === "string" ? incoming.httpVersion : null;
}

function hasBody(request: Request, httpVersion: string | null): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return length !== "0";
  if (request.headers.has("transfer-encoding")) return true;
  // HTTP/1.x has a body only with one of those headers (RFC 9112 §6.3), yet the node adapter hands every non-GET
  // request an empty stream: a bare DELETE or an action POST (`curl -X POST`) must not be asked for a Content-Type.
  if (httpVersion?.startsWith("1.")) return false;
  return request.method !== "DELETE" && request.body !== null;
}

/**
 * 415 for a body of the wrong type, 413 past the route's cap (Content-Length and chunked alike). Only requests a
 * route serves are checked: a wrong method or an unknown path goes on to the 405/404 answer whatever its body.
 */
export function bodyPolicy(env: Env, isRouted: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  const rules = bodyRules(env);
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (limitBytes: number) => {
    let limiter = limiters.get(limitBytes);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize: limitBytes,
        onError: () => {
          throw new PayloadTooLargeError(limitBytes);
        },
      });
      limiters.set(limitBytes, limiter);
    }
    return limiter;
  };
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    if (!hasBody(c.req.raw, socketHttpVersion(c.env)) || !isRouted(c.req.method, c.req.path)) return next();
    const rule = ruleFor(rules, c.req.path, env);
    const contentType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (rule.mediaTypes !== "any" && !rule.mediaTypes.includes(contentType)) throw new UnsupportedMediaTypeError(rule.mediaTypes);
    return limiterFor(rule.limitBytes)(c, next);
  };
}
