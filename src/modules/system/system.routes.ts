import { createRoute } from "@hono/zod-openapi";
import { jsonResponse } from "../../http/openapi.js";
import { AliveSchema, ReadySchema } from "./system.schemas.js";

export const healthzRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Liveness: the process is up",
  responses: { 200: jsonResponse(AliveSchema, "Alive") },
});

export const readyzRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["operations"],
  summary: "Readiness: Postgres and Redis reachable (503 names the one that is not)",
  responses: {
    200: jsonResponse(ReadySchema, "Ready"),
    503: jsonResponse(ReadySchema, "A dependency is unreachable"),
  },
});
