import { createRoute, z } from "@hono/zod-openapi";
import type { SourceRow } from "../../db/schema/index.js";
import { createRouter } from "../../lib/http.js";
import { bearerSecurity, commonErrorResponses, notFoundResponse } from "../../lib/openapi.js";
import { DEVICE_TYPE_PRIORITY } from "../../domain/samples/source-priority.js";
import { listSources } from "./sources.repo.js";
import { changePriority } from "./sources.service.js";
import type { DeviceType } from "../../lib/vocabulary.js";

const SourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    device_type: z.string(),
    device: z.string().nullable(),
    priority: z.number().int().nullable().openapi({ description: "Your override; lower wins. null = the default for its device type" }),
    effective_priority: z.number().int().openapi({ description: `Defaults: ${DEVICE_TYPE_PRIORITY.map((t, i) => `${t} ${i}`).join(", ")}` }),
  })
  .openapi("DataSource");

function present(row: SourceRow) {
  return {
    id: row.id,
    name: row.name,
    device_type: row.deviceType,
    device: row.device || null,
    priority: row.priority,
    effective_priority: row.priority ?? DEVICE_TYPE_PRIORITY.indexOf(row.deviceType as DeviceType),
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/v1/sources",
  tags: ["data"],
  summary: "The apps and devices your data came from, with the priority used when they overlap",
  security: bearerSecurity,
  responses: {
    200: { description: "Your sources", content: { "application/json": { schema: z.object({ sources: z.array(SourceSchema) }) } } },
    ...commonErrorResponses,
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/v1/sources/{id}",
  tags: ["data"],
  summary: "Set a source's merge priority (lower wins); every day with its data is recomputed",
  description:
    "The priority also decides which record of an activity counts when the same session was recorded or copied several times (see docs/activities.md). For workouts a source without a priority takes its record's default: 0 for a device recording, 3 for a platform copy (TCX/GPX, Strava, Garmin Connect), 5 for an app estimate; so below 0 beats every default and above 5 loses to all.",
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" } }) }),
    body: { required: true, content: { "application/json": { schema: z.object({ priority: z.number().int().min(-100).max(100).nullable() }).strict() } } },
  },
  responses: {
    200: { description: "The source", content: { "application/json": { schema: SourceSchema } } },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

export function sourcesRouter() {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ sources: (await listSources(c.var.deps.db, c.var.userId)).map(present) }, 200))
    .openapi(patchRoute, async (c) => {
      const row = await changePriority(c.var.deps, c.var.userId, c.req.valid("param").id, c.req.valid("json").priority);
      return c.json(present(row), 200);
    });
}
