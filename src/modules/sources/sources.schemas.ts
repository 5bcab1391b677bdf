import { z } from "@hono/zod-openapi";
import { DEVICE_TYPE_PRIORITY } from "../../domain/samples/source-priority.js";
import { INT4_MAX } from "../../lib/validation.js";

export const DataSourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    device_type: z.string(),
    device: z.string().nullable(),
    priority: z.number().int().nullable().openapi({ description: "Your override; lower wins. null = the default for its device type" }),
    effective_priority: z
      .number()
      .int()
      .openapi({ description: `Defaults: ${DEVICE_TYPE_PRIORITY.map((t, i) => `${t} ${i}`).join(", ")}` }),
  })
  .openapi("DataSource");

export const SourceListSchema = z.object({ sources: z.array(DataSourceSchema) });

export const SourceIdParamsSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(INT4_MAX)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const SourcePatchSchema = z.object({ priority: z.number().int().min(-100).max(100).nullable() }).strict();
