import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse, notFoundResponse } from "../../http/openapi.js";
import { DataSourceSchema, SourceIdParamsSchema, SourceListSchema, SourcePatchSchema } from "./sources.schemas.js";

export const listSourcesRoute = createRoute({
  operationId: "listSources",
  method: "get",
  path: "/v1/sources",
  tags: ["data"],
  summary: "The apps and devices your data came from, with the priority used when they overlap",
  security: bearerSecurity,
  responses: { 200: jsonResponse(SourceListSchema, "Your sources"), ...commonErrorResponses },
});

export const patchSourceRoute = createRoute({
  operationId: "patchSource",
  method: "patch",
  path: "/v1/sources/{id}",
  tags: ["data"],
  summary: "Set a source's merge priority (lower wins); every day with its data is recomputed",
  description:
    "The priority also decides which record of an activity counts when the same session was recorded or copied several times (see docs/activities.md). For workouts a source without a priority takes its record's default: 0 for a device recording, 3 for a platform copy (TCX/GPX, Strava, Garmin Connect), 5 for an app estimate; so below 0 beats every default and above 5 loses to all.",
  security: bearerSecurity,
  request: { params: SourceIdParamsSchema, body: jsonBody(SourcePatchSchema) },
  responses: { 200: jsonResponse(DataSourceSchema, "The source"), ...commonErrorResponses, ...notFoundResponse },
});
