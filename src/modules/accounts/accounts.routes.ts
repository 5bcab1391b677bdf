import { createRoute, z } from "@hono/zod-openapi";
import {
  bearerSecurity,
  commonErrorResponses,
  conflictResponse,
  notFoundResponse,
  PaginationQuerySchema,
} from "../../lib/openapi.js";
import {
  ApiKeyIdParamsSchema,
  ApiKeyListSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  CreatedUserSchema,
  CreateUserSchema,
  ProfilePatchSchema,
  UserSchema,
} from "./accounts.schemas.js";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const createUserRoute = createRoute({
  method: "post",
  path: "/v1/admin/users",
  tags: ["admin"],
  summary: "Create a user and their first API key (admin token)",
  security: [{ adminToken: [] }],
  request: { body: { required: true, content: { "application/json": { schema: CreateUserSchema } } } },
  responses: {
    201: json(CreatedUserSchema, "The user, and an API key shown only this once"),
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const getMeRoute = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["profile"],
  summary: "Your profile",
  security: bearerSecurity,
  responses: { 200: json(UserSchema, "The caller's profile"), ...commonErrorResponses },
});

export const patchMeRoute = createRoute({
  method: "patch",
  path: "/v1/me",
  tags: ["profile"],
  summary: "Update your profile (only the fields sent; null clears an optional field)",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: ProfilePatchSchema } } } },
  responses: { 200: json(UserSchema, "The updated profile"), ...commonErrorResponses },
});

export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/v1/api-keys",
  tags: ["api-keys"],
  summary: "Issue another API key",
  security: bearerSecurity,
  request: { body: { required: false, content: { "application/json": { schema: CreateApiKeySchema } } } },
  responses: { 201: json(CreatedApiKeySchema, "The new key, shown only this once"), ...commonErrorResponses },
});

export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/v1/api-keys",
  tags: ["api-keys"],
  summary: "Your active API keys (no secrets), newest first",
  security: bearerSecurity,
  request: { query: PaginationQuerySchema },
  responses: { 200: json(ApiKeyListSchema, "A page of keys"), ...commonErrorResponses },
});

export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/v1/api-keys/{id}",
  tags: ["api-keys"],
  summary: "Revoke an API key (effective immediately)",
  security: bearerSecurity,
  request: { params: ApiKeyIdParamsSchema },
  responses: { 204: { description: "Revoked" }, ...commonErrorResponses, ...notFoundResponse },
});
