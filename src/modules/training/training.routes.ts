import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery, jsonResponse } from "../../http/openapi.js";
import { ExerciseCatalogueSchema, TrainingWeeksSchema } from "./training.schemas.js";

export const listExercisesRoute = createRoute({
  operationId: "listExercises",
  method: "get",
  path: "/v1/exercises",
  tags: ["training"],
  summary: "The exercise catalogue: muscle groups, equipment and the 2024 Compendium code and MET of each",
  security: bearerSecurity,
  responses: {
    200: jsonResponse(ExerciseCatalogueSchema, "The catalogue"),
    ...commonErrorResponses,
  },
});

export const trainingWeeklyRoute = createRoute({
  operationId: "getTrainingWeek",
  method: "get",
  path: "/v1/training/weekly",
  tags: ["training"],
  summary:
    "Each local ISO week touching the range: strength, sets and volume per muscle group, HIIT, activity minutes and steps against WHO 2020 and the guide",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: jsonResponse(TrainingWeeksSchema, "The weeks, oldest first"),
    ...commonErrorResponses,
  },
});
