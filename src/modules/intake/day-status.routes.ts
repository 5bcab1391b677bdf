import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, conflictResponse } from "../../lib/openapi.js";
import { DayParamsSchema, DeclareIntakeStatusSchema, IntakeDayStatusSchema } from "./day-status.schemas.js";

const path = "/v1/days/{date}/intake-status";
const statusResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: IntakeDayStatusSchema } },
});

export const getIntakeStatusRoute = createRoute({
  method: "get",
  path,
  tags: ["intake"],
  summary: "How complete a day's food log is, and the intake the deficit uses",
  security: bearerSecurity,
  request: { params: DayParamsSchema },
  responses: { 200: statusResponse("The day's intake status"), ...commonErrorResponses },
});

export const putIntakeStatusRoute = createRoute({
  method: "put",
  path,
  tags: ["intake"],
  summary: "Declare a day complete, partial or fasted",
  description: "409 DAY_HAS_INTAKE for fasted with food logged; 409 DAY_HAS_NO_ENTRIES for complete/partial with nothing logged.",
  security: bearerSecurity,
  request: {
    params: DayParamsSchema,
    body: { required: true, content: { "application/json": { schema: DeclareIntakeStatusSchema } } },
  },
  responses: { 200: statusResponse("The day's intake status"), ...commonErrorResponses, ...conflictResponse },
});

export const deleteIntakeStatusRoute = createRoute({
  method: "delete",
  path,
  tags: ["intake"],
  summary: "Clear a declared status (back to derived logged/unlogged)",
  security: bearerSecurity,
  request: { params: DayParamsSchema },
  responses: { 204: { description: "Cleared (or nothing was declared)" }, ...commonErrorResponses },
});
