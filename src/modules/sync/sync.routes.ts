import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse, problemResponseFor } from "../../http/openapi.js";
import { HaePayloadSchema } from "./hae.schemas.js";
import { SyncBodySchema, SyncResultSchema } from "./sync.schemas.js";

export const syncRoute = createRoute({
  operationId: "sync",
  method: "post",
  path: "/v1/sync",
  tags: ["sync"],
  summary: "Push a batch of samples and workouts from a companion app (idempotent per Idempotency-Key)",
  description:
    "Each item is validated on its own: valid items are stored even when others are rejected. Inside a workout, an impossible heart-rate point (0 or over 250 bpm, outside the workout's time) is dropped and counted in `dropped_points`; the workout is rejected only when its own time is invalid. Summary values sent (`duration_s`, `active_energy_kcal`, `distance_m`, `avg_hr_bpm`, `max_hr_bpm`) are kept as the device's. The same key with the same body replays the first answer (`Idempotent-Replayed: true`); with a different body it is 422.",
  security: bearerSecurity,
  request: {
    // Optional to the validator so a missing key gets its own code (IDEMPOTENCY_KEY_REQUIRED); required to clients.
    headers: z.object({
      "idempotency-key": z
        .string()
        .max(255)
        .optional()
        .openapi({
          param: { name: "idempotency-key", in: "header", required: true },
          description: "1–255 printable characters, unique per batch (e.g. a UUID); a retry with the same key and body replays the first answer",
          example: "0b9f4a52-9a0c-4c47-8d0e-6b1f0c7e2d11",
        }),
    }),
    body: jsonBody(SyncBodySchema),
  },
  responses: {
    200: jsonResponse(SyncResultSchema, "Counts and the rejected items"),
    409: problemResponseFor("The first request with this key is still running"),
    422: problemResponseFor("The key was used with a different body"),
    ...commonErrorResponses,
  },
});

export const healthAutoExportRoute = createRoute({
  operationId: "healthAutoExport",
  method: "post",
  path: "/v1/integrations/health-auto-export",
  tags: ["sync"],
  summary: "Health Auto Export (iOS) REST automation target: the app's JSON exactly as it sends it",
  security: bearerSecurity,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: HaePayloadSchema } },
    },
  },
  responses: {
    200: jsonResponse(SyncResultSchema, "Counts and the rejected items"),
    422: problemResponseFor("Not a Health Auto Export payload"),
    ...commonErrorResponses,
  },
});
