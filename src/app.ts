import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps.js";
import { notFoundHandler, onError } from "./http/error-handler.js";
import { bodyPolicy } from "./http/middleware/body-policy.js";
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
  dashboardRouter,
];

/** The whole HTTP surface, built from injected deps so tests run it in-process against real services. */
export function buildApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = createRouter();

  app.use("*", requestContext(deps));
  // Nothing here is meant to be framed: the dashboard's CSP also says frame-ancestors 'none'.
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin", xFrameOptions: "DENY" }));
  app.use("*", authAndRateLimit(deps));
  app.use("*", bodyPolicy(deps.env));

  for (const router of ROUTERS) app.route("/", router());

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
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "wearsync API",
      version: "0.1.0",
      description: "Wearable exports in; daily calorie deficit, HIIT sessions and fat-loss projections out.",
    },
  });
  app.get("/docs", swaggerUI({ url: "/openapi.json" }));

  app.onError(onError);
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}
