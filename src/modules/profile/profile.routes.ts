import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse } from "../../http/openapi.js";
import { UserSchema } from "../accounts/index.js";
import { ProfilePatchSchema } from "./profile.schemas.js";

export const getMeRoute = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/v1/me",
  tags: ["profile"],
  summary: "Your profile",
  security: bearerSecurity,
  responses: { 200: jsonResponse(UserSchema, "The caller's profile"), ...commonErrorResponses },
});

export const patchMeRoute = createRoute({
  operationId: "patchMe",
  method: "patch",
  path: "/v1/me",
  tags: ["profile"],
  summary: "Update your profile (only the fields sent; null clears an optional field)",
  security: bearerSecurity,
  request: { body: jsonBody(ProfilePatchSchema) },
  responses: { 200: jsonResponse(UserSchema, "The updated profile"), ...commonErrorResponses },
});
