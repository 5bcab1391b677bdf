import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, conflictResponse, jsonBody, jsonResponse, listQuery, notFoundResponse } from "../../http/openapi.js";
import {
  CreateIntakeSchema,
  DayParamsSchema,
  DeclareIntakeStatusSchema,
  IntakeBatchSchema,
  IntakeDayStatusSchema,
  IntakeEntrySchema,
  IntakeIdParamsSchema,
  IntakeListSchema,
  IntakePatchSchema,
} from "./intake.schemas.js";

export const createIntakeRoute = createRoute({
  operationId: "createIntake",
  method: "post",
  path: "/v1/intake",
  tags: ["intake"],
  summary: 'Log one entry, or a batch of up to 1000 as {"entries": [...]} (all or nothing)',
  description: "Re-posting an external_id updates that entry. 409 DAY_DECLARED_FASTED for food on a day declared fasted.",
  security: bearerSecurity,
  request: { body: jsonBody(CreateIntakeSchema) },
  responses: {
    201: jsonResponse(z.union([IntakeEntrySchema, IntakeBatchSchema]), 'The stored entry, or {"entries": [...]} in the order sent'),
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const listIntakeRoute = createRoute({
  operationId: "listIntake",
  method: "get",
  path: "/v1/intake",
  tags: ["intake"],
  summary: "Your intake entries, newest first; `from`/`to` filter on the local date",
  security: bearerSecurity,
  request: { query: listQuery({}) },
  responses: { 200: jsonResponse(IntakeListSchema, "A page of entries"), ...commonErrorResponses },
});

export const getIntakeRoute = createRoute({
  operationId: "getIntake",
  method: "get",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "One intake entry",
  security: bearerSecurity,
  request: { params: IntakeIdParamsSchema },
  responses: { 200: jsonResponse(IntakeEntrySchema, "The entry"), ...commonErrorResponses, ...notFoundResponse },
});

export const patchIntakeRoute = createRoute({
  operationId: "patchIntake",
  method: "patch",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "Change an entry (only the fields sent; null clears an optional field)",
  security: bearerSecurity,
  request: {
    params: IntakeIdParamsSchema,
    body: jsonBody(IntakePatchSchema),
  },
  responses: {
    200: jsonResponse(IntakeEntrySchema, "The updated entry"),
    ...commonErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const deleteIntakeRoute = createRoute({
  operationId: "deleteIntake",
  method: "delete",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "Delete an entry",
  security: bearerSecurity,
  request: { params: IntakeIdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses, ...notFoundResponse },
});

const statusPath = "/v1/days/{date}/intake-status";
const statusResponse = (description: string) => jsonResponse(IntakeDayStatusSchema, description);

export const getIntakeStatusRoute = createRoute({
  operationId: "getIntakeStatus",
  method: "get",
  path: statusPath,
  tags: ["intake"],
  summary: "How complete a day's food log is, and the intake the deficit uses",
  security: bearerSecurity,
  request: { params: DayParamsSchema },
  responses: { 200: statusResponse("The day's intake status"), ...commonErrorResponses },
});

export const putIntakeStatusRoute = createRoute({
  operationId: "putIntakeStatus",
  method: "put",
  path: statusPath,
  tags: ["intake"],
  summary: "Declare a day complete, partial or fasted",
  description: "409 DAY_HAS_INTAKE for fasted with food logged; 409 DAY_HAS_NO_ENTRIES for complete/partial with nothing logged.",
  security: bearerSecurity,
  request: {
    params: DayParamsSchema,
    body: jsonBody(DeclareIntakeStatusSchema),
  },
  responses: { 200: statusResponse("The day's intake status"), ...commonErrorResponses, ...conflictResponse },
});

export const deleteIntakeStatusRoute = createRoute({
  operationId: "deleteIntakeStatus",
  method: "delete",
  path: statusPath,
  tags: ["intake"],
  summary: "Clear a declared status (back to derived logged/unlogged)",
  security: bearerSecurity,
  request: { params: DayParamsSchema },
  responses: { 204: { description: "Cleared (or nothing was declared)" }, ...commonErrorResponses },
});
