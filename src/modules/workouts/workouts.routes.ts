import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonResponse, listQuery, notFoundResponse } from "../../http/openapi.js";
import { WorkoutDetailSchema, WorkoutIdParamsSchema, WorkoutListSchema } from "./workouts.schemas.js";

export const listWorkoutsRoute = createRoute({
  operationId: "listWorkouts",
  method: "get",
  path: "/v1/workouts",
  tags: ["data"],
  summary: "Your workouts, newest first; `from`/`to` filter on the local start date",
  security: bearerSecurity,
  request: { query: listQuery({}) },
  responses: {
    200: jsonResponse(WorkoutListSchema, "A page of workouts"),
    ...commonErrorResponses,
  },
});

export const getWorkoutRoute = createRoute({
  operationId: "getWorkout",
  method: "get",
  path: "/v1/workouts/{id}",
  tags: ["data"],
  summary: "One workout with its heart-rate (and speed/power) series",
  security: bearerSecurity,
  request: { params: WorkoutIdParamsSchema },
  responses: {
    200: jsonResponse(WorkoutDetailSchema, "The workout"),
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

export const deleteWorkoutRoute = createRoute({
  operationId: "deleteWorkout",
  method: "delete",
  path: "/v1/workouts/{id}",
  tags: ["data"],
  summary: "Delete a workout (its streams and HIIT sessions); its days, HIIT and projections are recomputed",
  description:
    "If another record of the same activity was a duplicate of this one, it counts from now on. A workout from an import comes back if an import holding it runs again; delete the import to be rid of it for good.",
  security: bearerSecurity,
  request: { params: WorkoutIdParamsSchema },
  responses: {
    204: { description: "Deleted" },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});
