import { createRoute, z } from "@hono/zod-openapi";
import {
  bearerSecurity,
  commonErrorResponses,
  conflictResponse,
  dateRangeQuery,
  notFoundResponse,
} from "../../lib/openapi.js";
import {
  CreateIntakeSchema,
  IntakeBatchSchema,
  IntakeEntrySchema,
  IntakeIdParamsSchema,
  IntakeListSchema,
  IntakePatchSchema,
} from "./intake.schemas.js";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const createIntakeRoute = createRoute({
  method: "post",
  path: "/v1/intake",
  tags: ["intake"],
  summary: "Log one entry, or a batch of up to 1000 as {\"entries\": [...]} (all or nothing)",
  description: "Re-posting an external_id updates that entry. 409 DAY_DECLARED_FASTED for food on a day declared fasted.",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: CreateIntakeSchema } } } },
  responses: {
    201: json(z.union([IntakeEntrySchema, IntakeBatchSchema]), "The stored entry, or {\"entries\": [...]} in the order sent"),
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const listIntakeRoute = createRoute({
  method: "get",
  path: "/v1/intake",
  tags: ["intake"],
  summary: "Entries whose local date is in the range, newest first",
  security: bearerSecurity,
  request: {
    query: dateRangeQuery({
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: { 200: json(IntakeListSchema, "A page of entries"), ...commonErrorResponses },
});

export const getIntakeRoute = createRoute({
  method: "get",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "One intake entry",
  security: bearerSecurity,
  request: { params: IntakeIdParamsSchema },
  responses: { 200: json(IntakeEntrySchema, "The entry"), ...commonErrorResponses, ...notFoundResponse },
});

export const patchIntakeRoute = createRoute({
  method: "patch",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "Change an entry (only the fields sent; null clears an optional field)",
  security: bearerSecurity,
  request: {
    params: IntakeIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: IntakePatchSchema } } },
  },
  responses: {
    200: json(IntakeEntrySchema, "The updated entry"),
    ...commonErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const deleteIntakeRoute = createRoute({
  method: "delete",
  path: "/v1/intake/{id}",
  tags: ["intake"],
  summary: "Delete an entry",
  security: bearerSecurity,
  request: { params: IntakeIdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses, ...notFoundResponse },
});
