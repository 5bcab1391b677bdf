import { createRoute } from "@hono/zod-openapi";
import {
  bearerSecurity,
  commonErrorResponses,
  conflictResponse,
  jsonBody,
  jsonResponse,
  notFoundResponse,
  PaginationQuerySchema,
} from "../../http/openapi.js";
import {
  ApiKeyIdParamsSchema,
  ApiKeyListSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  CreatedUserSchema,
  CreateUserSchema,
} from "./accounts.schemas.js";

export const createUserRoute = createRoute({
  operationId: "createUser",
  method: "post",
  path: "/v1/admin/users",
  tags: ["admin"],
  summary: "Create a user and their first API key (admin token)",
  security: [{ adminToken: [] }],
  request: { body: jsonBody(CreateUserSchema) },
  responses: {
    201: jsonResponse(CreatedUserSchema, "The user, and an API key shown only this once"),
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const createApiKeyRoute = createRoute({
  operationId: "createApiKey",
  method: "post",
  path: "/v1/api-keys",
  tags: ["api-keys"],
  summary: "Issue another API key",
  security: bearerSecurity,
  request: { body: jsonBody(CreateApiKeySchema, false) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key, shown only this once"), ...commonErrorResponses },
});

export const listApiKeysRoute = createRoute({
  operationId: "listApiKeys",
  method: "get",
  path: "/v1/api-keys",
  tags: ["api-keys"],
  summary: "Your active API keys (no secrets), newest first",
  security: bearerSecurity,
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(ApiKeyListSchema, "A page of keys"), ...commonErrorResponses },
});

export const revokeApiKeyRoute = createRoute({
  operationId: "revokeApiKey",
  method: "delete",
  path: "/v1/api-keys/{id}",
  tags: ["api-keys"],
  summary: "Revoke an API key (effective immediately)",
  security: bearerSecurity,
  request: { params: ApiKeyIdParamsSchema },
  responses: { 204: { description: "Revoked" }, ...commonErrorResponses, ...notFoundResponse },
});
