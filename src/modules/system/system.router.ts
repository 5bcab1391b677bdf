import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/http.js";
import { readiness } from "./health.js";

const CheckSchema = z.enum(["ok", "unreachable"]);
const ReadySchema = z
  .object({ status: z.enum(["ready", "unavailable"]), checks: z.object({ postgres: CheckSchema, redis: CheckSchema }) })
  .openapi("Readiness");

const healthzRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Liveness: the process is up",
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
  },
});

const readyzRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["operations"],
  summary: "Readiness: Postgres and Redis reachable (503 names the one that is not)",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadySchema } } },
    503: { description: "A dependency is unreachable", content: { "application/json": { schema: ReadySchema } } },
  },
});

export function systemRouter() {
  return createRouter()
    .openapi(healthzRoute, (c) => c.json({ status: "ok" as const }, 200))
    .openapi(readyzRoute, async (c) => {
      const checks = await readiness(c.var.deps);
      const ready = checks.postgres === "ok" && checks.redis === "ok";
      return ready
        ? c.json({ status: "ready" as const, checks }, 200)
        : c.json({ status: "unavailable" as const, checks }, 503);
    });
}
