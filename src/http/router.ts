import { OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { Deps } from "../deps.js";
import type { PendingRead } from "../jobs/pending.js";
import { ValidationError } from "../lib/errors.js";
import type { Logger } from "../lib/logger.js";
import { fieldErrorsFromZod } from "../lib/validation.js";
import type { UnitSystem } from "../lib/vocabulary.js";

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    logger: Logger;
    /** Set by the auth middleware on every /v1 route except admin. */
    userId: string;
    apiKeyId: string;
    /** The caller's profile unit system (set with userId): answers add pounds when it is "imperial". */
    unitSystem: UnitSystem;
    /** The user's pending markers the auth middleware read along its Redis round trip; absent when it did not. */
    pendingRead?: PendingRead;
  };
}

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

/** A router whose validation failures become one problem+json 400 with per-field errors (thrown to app.onError). */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    // `/v1/me/` is `/v1/me`: clients and proxies add trailing slashes.
    strict: false,
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error));
    },
  });
}
