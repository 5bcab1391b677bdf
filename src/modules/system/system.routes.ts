import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, problemResponseFor } from "../../http/openapi.js";
import { AliveSchema, ReadySchema } from "./system.schemas.js";

export const healthzRoute = createRoute({
  operationId: "healthz",
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Liveness: the process is up",
  description: "No key needed and never rate-limited, so probes can call it as often as they like.",
  security: [],
  responses: { 200: jsonResponse(AliveSchema, "Alive"), 405: problemResponseFor("Any method but GET or HEAD (Allow lists them)") },
});

export const readyzRoute = createRoute({
  operationId: "readyz",
  method: "get",
  path: "/readyz",
  tags: ["operations"],
  summary: "Readiness: Postgres and Redis reachable (503 names the one that is not)",
  description: "No key needed and never rate-limited.",
  security: [],
  responses: {
    200: jsonResponse(ReadySchema, "Ready"),
    405: problemResponseFor("Any method but GET or HEAD (Allow lists them)"),
    503: jsonResponse(ReadySchema, "A dependency is unreachable"),
  },
});
