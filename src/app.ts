import type { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps.js";
import { mountDocs } from "./http/docs.js";
import { allowedMethods, notFoundHandler, onError } from "./http/error-handler.js";
import { bodyPolicy } from "./http/middleware/body-policy.js";
import { inputGuard } from "./http/middleware/input-guard.js";
import { requestContext } from "./http/middleware/request-context.js";
import { type AppEnv, createRouter } from "./http/router.js";
import { accountsRouter, authAndRateLimit } from "./modules/accounts/index.js";
import { bodyRouter } from "./modules/body/index.js";
import { dashboardRouter } from "./modules/dashboard/index.js";
import { energyRouter } from "./modules/energy/index.js";
import { hiitRouter } from "./modules/hiit/index.js";
import { importsRouter } from "./modules/imports/index.js";
import { intakeRouter } from "./modules/intake/index.js";
import { profileRouter } from "./modules/profile/index.js";
import { projectionsRouter } from "./modules/projections/index.js";
import { samplesRouter } from "./modules/samples/index.js";
import { sourcesRouter } from "./modules/sources/index.js";
import { syncRouter } from "./modules/sync/index.js";
import { systemRouter } from "./modules/system/index.js";
import { trainingRouter } from "./modules/training/index.js";
import { workoutsRouter } from "./modules/workouts/index.js";

/** Every module's routes, mounted in this order (which is also their order in /openapi.json); the dashboard's pages are not API routes. */
const ROUTERS = [
  systemRouter,
  accountsRouter,
  profileRouter,
  importsRouter,
  energyRouter,
  samplesRouter,
  sourcesRouter,
  syncRouter,
  workoutsRouter,
  hiitRouter,
  intakeRouter,
  bodyRouter,
  projectionsRouter,
  trainingRouter,
  dashboardRouter,
];

const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "wearsync API",
    version: "0.1.0",
    description:
      "Wearable exports in; daily calorie deficit, HIIT sessions and fat-loss projections out. Every error is RFC 9457 problem+json with a stable `code`. Lists page by cursor (`limit`, `next_cursor`). Numbers are rounded to what their measurement supports: energy to 1 kcal, mass to 0.01 kg (0.01 lb), heart rate to 1 bpm.",
    license: { name: "MIT", identifier: "MIT" },
  },
  servers: [{ url: "/", description: "The instance serving this document" }],
};

/** The security schemes every route refers to. */
function describeApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "Your API key: `Authorization: Bearer wsk_…`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "The server's ADMIN_TOKEN",
  });
}

/** The OpenAPI document of every route, built without connecting to anything (`npm run cli -- openapi`). */
export function apiDocument() {
  const app = createRouter();
  for (const router of ROUTERS) app.route("/", router());
  describeApi(app);
  return app.getOpenAPI31Document(OPENAPI_CONFIG);
}

/** The whole HTTP surface, built from injected deps so tests run it in-process against real services. */
export function buildApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = createRouter();

  const routes = () => app.routes;
  app.use("*", requestContext(deps));
  const corsOrigins = deps.env.CORS_ORIGINS;
  if (corsOrigins.length > 0) {
    // Before auth: a browser's preflight (OPTIONS) carries no key and must be answered as it is.
    app.use(
      "*",
      cors({
        origin: [...corsOrigins],
        allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
        exposeHeaders: [
          "Location",
          "X-Request-Id",
          "Retry-After",
          "Idempotent-Replayed",
          "RateLimit-Limit",
          "RateLimit-Remaining",
          "RateLimit-Reset",
          "RateLimit-Policy",
        ],
        maxAge: 600,
      }),
    );
  }
  // Nothing here is meant to be framed: the dashboard's CSP also says frame-ancestors 'none'.
  app.use("*", secureHeaders({ crossOriginResourcePolicy: corsOrigins.length > 0 ? "cross-origin" : "same-origin", xFrameOptions: "DENY" }));
  app.use("*", authAndRateLimit(deps));
  app.use(
    "*",
    bodyPolicy(deps.env, (method, path) => allowedMethods(routes, path).has(method)),
  );
  app.use("*", inputGuard());

  for (const router of ROUTERS) app.route("/", router());

  describeApi(app);
  app.doc31("/openapi.json", OPENAPI_CONFIG);
  mountDocs(app);

  app.onError(onError);
  app.notFound(notFoundHandler(routes));
  return app;
}
