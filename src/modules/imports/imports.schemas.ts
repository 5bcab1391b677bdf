import { z } from "@hono/zod-openapi";
import { IMPORT_STATUSES, WEIGHT_UNITS } from "../../db/schema/imports.js";
import { FORMAT_NAMES } from "../../formats/index.js";

export const UploadQuerySchema = z
  .object({
    filename: z.string().max(255).optional().openapi({ description: "The original file name, for your reference only" }),
    format: z.enum(FORMAT_NAMES).optional().openapi({ description: "Override content detection" }),
    weight_unit: z.enum(WEIGHT_UNITS).optional().openapi({
      description:
        "The unit of weights in a file that does not say (Fitbit writes the account's display unit). Sending it for a file already imported without it (or with another unit) runs that import again; weigh-ins already stored keep their values.",
    }),
  })
  .strict();

const CountsSchema = z.object({
  parsed: z.number().int(),
  inserted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
});

export const ImportSchema = z
  .object({
    id: z.string().openapi({ example: "imp_06h0rnta7f4sezdsb39rs3kgvg" }),
    status: z.enum(IMPORT_STATUSES),
    format: z.enum(FORMAT_NAMES),
    sha256: z.string(),
    bytes: z.number().int(),
    filename: z.string().nullable(),
    partial: z.boolean().openapi({ description: "A damaged file was imported as far as it was valid" }),
    partial_reason: z.string().nullable(),
    progress: z.object({
      bytes: z.number().int(),
      records: z.number().int(),
      total_bytes: z.number().int().nullable().openapi({
        description: "What `bytes` counts to when it is known: a zip's entries' inflated sizes (from its central directory), a plain file's size",
      }),
      percent: z.number().int().nullable().openapi({ description: "`bytes` of `total_bytes`, 0–100; null while the total is not known" }),
    }),
    counts: z.record(z.string(), CountsSchema).openapi({ description: "Per record type, at the end" }),
    rejected_records: z
      .array(z.object({ where: z.string(), reason: z.string(), record_type: z.string() }))
      .openapi({ description: "The first 100 rejected records" }),
    skipped: z.record(z.string(), z.number().int()).openapi({
      description:
        "Records of types wearsync does not read yet, per type as the file names them (e.g. HKCategoryTypeIdentifierMindfulSession, blood_pressure, monitoring)",
      example: { HKCategoryTypeIdentifierMindfulSession: 120, HKQuantityTypeIdentifierFlightsClimbed: 30 },
    }),
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .openapi({ description: 'Why a failed import failed; code "NO_DATA" when the file was readable but held nothing wearsync reads' }),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    duration_ms: z.number().int().nullable(),
  })
  .openapi("Import");

export const ImportListSchema = z.object({ imports: z.array(ImportSchema), next_cursor: z.string().nullable() }).openapi("ImportList");

export const ImportIdParamsSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});
