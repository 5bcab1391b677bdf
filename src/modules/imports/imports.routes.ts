import { createRoute, z } from "@hono/zod-openapi";
import {
  bearerSecurity,
  commonErrorResponses,
  notFoundResponse,
  PaginationQuerySchema,
  problemResponseFor,
} from "../../lib/openapi.js";
import { ImportIdParamsSchema, ImportListSchema, ImportSchema, UploadQuerySchema } from "./imports.schemas.js";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const uploadImportRoute = createRoute({
  method: "post",
  path: "/v1/imports",
  tags: ["imports"],
  summary: "Upload an export file (raw body or multipart field `file`); its format is detected from the content",
  security: bearerSecurity,
  request: {
    query: UploadQuerySchema,
    body: {
      required: true,
      content: {
        // Plain schema objects, not zod: a zod form schema would make the validator buffer the whole upload.
        "application/octet-stream": { schema: { type: "string", format: "binary" } },
        "multipart/form-data": {
          schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] },
        },
      },
    },
  },
  responses: {
    202: {
      ...json(ImportSchema, "Queued; follow the Location header"),
      headers: { Location: { schema: { type: "string" }, description: "URL of the import" } },
    },
    200: json(ImportSchema, "These bytes were uploaded before: the existing import"),
    422: problemResponseFor("Unreadable or unsupported file (empty, unknown format, unsafe zip)"),
    ...commonErrorResponses,
  },
});

export const getImportRoute = createRoute({
  method: "get",
  path: "/v1/imports/{id}",
  tags: ["imports"],
  summary: "An import's status, progress, counts, rejected records and error",
  security: bearerSecurity,
  request: { params: ImportIdParamsSchema },
  responses: { 200: json(ImportSchema, "The import"), ...commonErrorResponses, ...notFoundResponse },
});

export const listImportsRoute = createRoute({
  method: "get",
  path: "/v1/imports",
  tags: ["imports"],
  summary: "Your imports, newest first",
  security: bearerSecurity,
  request: { query: PaginationQuerySchema },
  responses: { 200: json(ImportListSchema, "A page of imports"), ...commonErrorResponses },
});
