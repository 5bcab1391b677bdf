import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps.js";
import { notFoundHandler, onError } from "./lib/error-handler.js";
import type { AppEnv } from "./lib/http.js";
import { ValidationError } from "./lib/errors.js";
import { fieldErrorsFromZod } from "./lib/problem.js";
import { authAndRateLimit } from "./middleware/auth.js";
import { bodyPolicy } from "./middleware/body-policy.js";
import { requestContext } from "./middleware/request-context.js";
import { accountsRouter } from "./modules/accounts/accounts.router.js";
import { bodyRouter } from "./modules/body/body.router.js";
import { energyRouter } from "./modules/energy/energy.router.js";
import { hiitRouter } from "./modules/hiit/hiit.router.js";
import { importsRouter } from "./modules/imports/imports.router.js";
import { intakeRouter } from "./modules/intake/intake.router.js";
import { projectionsRouter } from "./modules/projections/projections.router.js";
import { samplesRouter } from "./modules/samples/samples.router.js";
import { sourcesRouter } from "./modules/sources/sources.router.js";
import { syncRouter } from "./modules/sync/sync.router.js";
import { workoutsRouter } from "./modules/workouts/workouts.router.js";
import { systemRouter } from "./modules/system/system.router.js";

/** The whole HTTP surface, built from injected deps so tests run it in-process against real services. */
export function buildApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error));
    },
  });

  app.use("*", requestContext(deps));
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use("*", authAndRateLimit(deps));
  app.use("*", bodyPolicy(deps.env));

  app.route("/", systemRouter());
  app.route("/", accountsRouter());
  app.route("/", importsRouter());
  app.route("/", energyRouter());
  app.route("/", samplesRouter());
  app.route("/", sourcesRouter());
  app.route("/", syncRouter());
  app.route("/", workoutsRouter());
  app.route("/", hiitRouter());
  app.route("/", intakeRouter());
  app.route("/", bodyRouter());
  app.route("/", projectionsRouter());

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
