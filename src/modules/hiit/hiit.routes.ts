import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery, jsonResponse } from "../../http/openapi.js";
import { HiitSessionsSchema } from "./hiit.schemas.js";

export const listHiitSessionsRoute = createRoute({
  operationId: "listHiitSessions",
  method: "get",
  path: "/v1/hiit-sessions",
  tags: ["hiit"],
  summary: "Detected HIIT sessions whose local start date is in the range (at most 366 days), with their intervals",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: jsonResponse(HiitSessionsSchema, "Sessions, oldest first"),
    ...commonErrorResponses,
  },
});
