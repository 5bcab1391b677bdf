import { z } from "@hono/zod-openapi";
import { hasPlausibleOffset } from "../domain/intake/intake-time.js";

// Schemas several modules' routes share, each registered once as an OpenAPI component.

/** ISO 8601 with an explicit offset, which is kept: it decides the local date the value counts for. */
export const offsetDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-24T08:15:00+01:00" })
  .refine(hasPlausibleOffset, "the UTC offset must be between -12:00 and +14:00")
  .openapi({ example: "2026-11-24T08:15:00+01:00" });

/** The app or device a stored record came from. */
export const SourceSchema = z.object({ name: z.string(), device_type: z.string(), device: z.string().nullable() }).openapi("Source");
