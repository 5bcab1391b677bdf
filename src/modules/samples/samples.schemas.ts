import { z } from "@hono/zod-openapi";
import { SourceSchema } from "../../http/schemas.js";
import { CANONICAL_UNIT, SAMPLE_TYPES } from "../../lib/vocabulary.js";

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

export const SampleListSchema = z.object({ samples: z.array(SampleSchema), next_cursor: z.string().nullable() }).openapi("SampleList");
