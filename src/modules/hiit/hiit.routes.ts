import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonResponse, listQuery } from "../../http/openapi.js";
import { HiitSessionsSchema } from "./hiit.schemas.js";

export const listHiitSessionsRoute = createRoute({
  operationId: "listHiitSessions",
  method: "get",
  path: "/v1/hiit-sessions",
  tags: ["hiit"],
  summary: "Detected HIIT sessions with their intervals, oldest first; `from`/`to` filter on the local start date",
  security: bearerSecurity,
  request: { query: listQuery({}) },
  responses: {
    200: jsonResponse(HiitSessionsSchema, "A page of sessions, oldest first"),
    ...commonErrorResponses,
  },
});
