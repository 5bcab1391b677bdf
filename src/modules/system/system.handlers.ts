import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { healthzRoute, readyzRoute } from "./system.routes.js";
import { readiness } from "./system.service.js";

export const healthz: AppRouteHandler<typeof healthzRoute> = (c) => c.json({ status: "ok" as const }, 200);

export const readyz: AppRouteHandler<typeof readyzRoute> = async (c) => {
  const checks = await readiness(c.var.deps);
  const ready = checks.postgres === "ok" && checks.redis === "ok";
  return ready ? c.json({ status: "ready" as const, checks }, 200) : c.json({ status: "unavailable" as const, checks }, 503);
};

export function systemRouter() {
  return createRouter().openapi(healthzRoute, healthz).openapi(readyzRoute, readyz);
}
