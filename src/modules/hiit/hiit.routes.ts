import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery } from "../../lib/openapi.js";
import { HiitSessionsSchema } from "./hiit.schemas.js";

export const listHiitSessionsRoute = createRoute({
  method: "get",
  path: "/v1/hiit-sessions",
  tags: ["hiit"],
  summary: "Detected HIIT sessions whose local start date is in the range (at most 366 days), with their intervals",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: { description: "Sessions, oldest first", content: { "application/json": { schema: HiitSessionsSchema } } },
    ...commonErrorResponses,
  },
});
