import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery } from "../../lib/openapi.js";
import { SAMPLE_TYPES, CANONICAL_UNIT } from "../../lib/vocabulary.js";

export const SourceSchema = z
  .object({ name: z.string(), device_type: z.string(), device: z.string().nullable() })
  .openapi("Source");

export const SampleSchema = z
  .object({
    type: z.enum(SAMPLE_TYPES),
    start: z.string().openapi({ example: "2026-11-24T08:00:00.000+01:00" }),
    end: z.string(),
    utc_offset_min: z.number().int(),
    local_date: z.string(),
    value: z.number(),
    unit: z.string().openapi({ description: `Canonical unit: ${JSON.stringify(CANONICAL_UNIT)}` }),
    source: SourceSchema,
    import_id: z.string().nullable(),
  })
  .openapi("Sample");

export const listSamplesRoute = createRoute({
  method: "get",
  path: "/v1/samples",
  tags: ["data"],
  summary: "Stored raw samples (every source kept) in a local-date range, oldest first",
  security: bearerSecurity,
  request: {
    query: dateRangeQuery({
      type: z.enum(SAMPLE_TYPES).optional(),
      cursor: z.string().max(300).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(500),
    }),
  },
  responses: {
    200: {
      description: "A page of samples",
      content: {
        "application/json": {
          schema: z.object({ samples: z.array(SampleSchema), next_cursor: z.string().nullable() }).openapi("SampleList"),
        },
      },
    },
    ...commonErrorResponses,
  },
});
