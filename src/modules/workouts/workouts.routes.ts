import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, conflictResponse, jsonBody, jsonResponse, listQuery, notFoundResponse } from "../../http/openapi.js";
import { CreateWorkoutSchema, PatchWorkoutSchema, WorkoutDetailSchema, WorkoutIdParamsSchema, WorkoutListSchema } from "./workouts.schemas.js";

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

export const createWorkoutRoute = createRoute({
  operationId: "createWorkout",
  method: "post",
  path: "/v1/workouts",
  tags: ["data"],
  summary: "Log a workout by hand (any activity; for strength training, its sets)",
  description:
    "Idempotent: the same external_id, or without one the same start and activity type, is the same workout (200 with it as stored; sets sent replace its sets, other fields change only with PATCH). A set outside the bounds (reps 0–1,000, weight_kg 0–600, duration_s above 0 and at most 3 h, rpe 0–10) is a 400 naming each such set. An exercise the catalogue lacks is kept as text and priced by met_class (default resistance_moderate). A hand-logged workout that overlaps a device's recording of the same activity counts once (docs/activities.md).",
  security: bearerSecurity,
  request: { body: jsonBody(CreateWorkoutSchema) },
  responses: {
    201: jsonResponse(WorkoutDetailSchema, "Logged"),
    200: jsonResponse(WorkoutDetailSchema, "Already logged (same external id, or same start and type)"),
    ...commonErrorResponses,
  },
});

export const patchWorkoutRoute = createRoute({
  operationId: "updateWorkout",
  method: "patch",
  path: "/v1/workouts/{id}",
  tags: ["data"],
  summary: "Edit a workout: its type, times, energy or sets; its days are recomputed",
  security: bearerSecurity,
  request: { params: WorkoutIdParamsSchema, body: jsonBody(PatchWorkoutSchema) },
  responses: {
    200: jsonResponse(WorkoutDetailSchema, "The workout as edited"),
    ...commonErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});
