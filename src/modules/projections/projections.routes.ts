import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse, listQuery, problemResponseFor } from "../../http/openapi.js";
import { SimulateBodySchema, SimulationSchema, WeeklyProjectionsSchema } from "./projections.schemas.js";

export const listWeeklyProjectionsRoute = createRoute({
  operationId: "listWeeklyProjections",
  method: "get",
  path: "/v1/projections/weekly",
  tags: ["projections"],
  summary: "Weekly projections (3,500-kcal rule and Hall model), oldest week first; `from`/`to` keep the local weeks overlapping them",
  description:
    "Two rows per week (Monday first), rewritten whenever a day of the week (or of the 28-day calibration window) is recomputed, and every Monday morning for the week just ended.",
  security: bearerSecurity,
  request: { query: listQuery({}) },
  responses: { 200: jsonResponse(WeeklyProjectionsSchema, "A page of rows (two per week), oldest week first"), ...commonErrorResponses },
});

export const simulateProjectionRoute = createRoute({
  operationId: "simulateProjection",
  method: "post",
  path: "/v1/projections/simulate",
  tags: ["projections"],
  summary: "What-if: a constant intake change, a constant intake, or the intake that reaches a target weight",
  description: "Omitted body fields come from your profile and latest weigh-in. Send exactly one goal.",
  security: bearerSecurity,
  request: { body: jsonBody(SimulateBodySchema) },
  responses: {
    200: jsonResponse(SimulationSchema, "Both models' trajectories, weeks 0..weeks"),
    ...commonErrorResponses,
    422: problemResponseFor("TARGET_UNREACHABLE, or MODEL_OUT_OF_RANGE for inputs the model cannot start from"),
  },
});
