import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse, problemResponseFor } from "../../http/openapi.js";
import { UserSchema } from "../accounts/index.js";
import { EraseAccountSchema, ErasureSchema, ProfilePatchSchema } from "./profile.schemas.js";

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

export const deleteMeRoute = createRoute({
  operationId: "deleteMe",
  method: "delete",
  path: "/v1/me",
  tags: ["profile"],
  summary: "Erase your account and everything in it (GDPR art. 17); send your email to confirm",
  description:
    "Deletes every row of every table that holds your data (profile, keys, sources, samples, workouts and their series, intake, day statuses, weigh-ins, computed days, HIIT, projections, imports), your stored uploads, your queued jobs and schedules. Your keys stop working at once. Cannot be undone: take your data out first with GET /v1/export.",
  security: bearerSecurity,
  request: { body: jsonBody(EraseAccountSchema) },
  responses: {
    200: jsonResponse(ErasureSchema, "Erased: what was deleted"),
    422: problemResponseFor("`confirm` is not this account's email (CONFIRMATION_MISMATCH)"),
    ...commonErrorResponses,
  },
});

export const exportRoute = createRoute({
  operationId: "exportData",
  method: "get",
  path: "/v1/export",
  tags: ["profile"],
  summary: "Download all your data (GDPR art. 15 and 20): a zip of NDJSON files, one per table, and a manifest",
  description:
    "Streams a zip: `users.ndjson` (your profile), `api_keys.ndjson` (without secrets), `sources`, `samples`, `workouts`, `workout_streams` (the series), `intake_entries`, `intake_day_statuses`, `body_measurements`, `daily_energy` (computed days), `day_confirmations`, `hiit_analyses`, `hiit_sessions`, `hiit_intervals`, `weekly_projections`, `imports`, each a JSON object per line with the columns as stored (SI units, ISO 8601 times), and `manifest.json` last, listing every file with its row count.",
  security: bearerSecurity,
  responses: {
    200: {
      description: "The archive",
      content: { "application/zip": { schema: { type: "string", format: "binary" } } },
      headers: { "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=wearsync-export-<date>.zip" } },
    },
    ...commonErrorResponses,
  },
});
