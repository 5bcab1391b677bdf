import { createRoute } from "@hono/zod-openapi";
import {
  bearerSecurity,
  commonErrorResponses,
  conflictResponse,
  jsonResponse,
  notFoundResponse,
  PaginationQuerySchema,
  problemResponseFor,
} from "../../http/openapi.js";
import { ImportIdParamsSchema, ImportListSchema, ImportSchema, UploadQuerySchema } from "./imports.schemas.js";

export const uploadImportRoute = createRoute({
  operationId: "uploadImport",
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
      ...jsonResponse(
        ImportSchema,
        "Queued; follow the Location header. Also the answer when these bytes were uploaded before and that import failed: it is queued again from the stored file, as by POST /v1/imports/{id}/retry",
      ),
      headers: { Location: { schema: { type: "string" }, description: "URL of the import" } },
    },
    200: jsonResponse(ImportSchema, "These bytes were uploaded before (and did not fail): the existing import"),
    409: problemResponseFor("An import of these bytes is being deleted (IMPORT_BEING_DELETED); upload again in a moment"),
    422: problemResponseFor("Unreadable or unsupported file (empty, unknown format, unsafe zip)"),
    ...commonErrorResponses,
  },
});

export const getImportRoute = createRoute({
  operationId: "getImport",
  method: "get",
  path: "/v1/imports/{id}",
  tags: ["imports"],
  summary: "An import's status, progress, counts, rejected records and error",
  security: bearerSecurity,
  request: { params: ImportIdParamsSchema },
  responses: { 200: jsonResponse(ImportSchema, "The import"), ...commonErrorResponses, ...notFoundResponse },
});

export const listImportsRoute = createRoute({
  operationId: "listImports",
  method: "get",
  path: "/v1/imports",
  tags: ["imports"],
  summary: "Your imports, newest first",
  security: bearerSecurity,
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(ImportListSchema, "A page of imports"), ...commonErrorResponses },
});

export const retryImportRoute = createRoute({
  operationId: "retryImport",
  method: "post",
  path: "/v1/imports/{id}/retry",
  tags: ["imports"],
  summary: "Run a failed import again from its stored file",
  description: "The import goes back to `queued` under a new run; its earlier error and counts are cleared. Only a failed import can be retried.",
  security: bearerSecurity,
  request: { params: ImportIdParamsSchema },
  responses: {
    202: {
      ...jsonResponse(ImportSchema, "Queued again; follow the Location header"),
      headers: { Location: { schema: { type: "string" }, description: "URL of the import" } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
    409: conflictResponse[409],
  },
});

export const deleteImportRoute = createRoute({
  operationId: "deleteImport",
  method: "delete",
  path: "/v1/imports/{id}",
  tags: ["imports"],
  summary: "Delete an import: every row only it brought in, and its stored file; the days it touched are recomputed",
  description:
    "The import disappears at once; a job then removes the samples, workouts, intake entries and body measurements it was first to write, and runs again the other imports whose data overlaps it, so a row another import also holds is kept. A queued or running import answers 409: delete it once it has finished.",
  security: bearerSecurity,
  request: { params: ImportIdParamsSchema },
  responses: {
    204: { description: "Deleted (its rows go within moments)" },
    ...commonErrorResponses,
    ...notFoundResponse,
    409: conflictResponse[409],
  },
});
