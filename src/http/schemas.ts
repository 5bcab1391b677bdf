import { z } from "@hono/zod-openapi";
import { hasPlausibleOffset } from "../domain/intake/intake-time.js";
import { EARLIEST_SUPPORTED_DATE, hasSupportedDate, isSupportedDate, LATEST_SUPPORTED_DATE } from "../lib/calendar.js";

// Schemas several modules' routes share, each registered once as an OpenAPI component.

/** The range check runs only on a well-formed value, so a malformed one gets one error, not two. */
const dateRange = {
  message: `must be a date from ${EARLIEST_SUPPORTED_DATE} to ${LATEST_SUPPORTED_DATE}`,
  when: (payload: { issues: unknown[] }) => payload.issues.length === 0,
};

/** A calendar date YYYY-MM-DD within the supported range (src/lib/calendar.ts): every date a client sends. */
export const localDateSchema = z.iso.date().refine(isSupportedDate, dateRange);

/** An ISO 8601 date-time with an offset whose date lies within the supported range. */
export const supportedDateTime = z.iso
  .datetime({ offset: true })
  .refine(hasSupportedDate, dateRange)
  .openapi({ example: "2026-11-24T07:30:00+01:00" });

/** ISO 8601 with an explicit offset, which is kept: it decides the local date the value counts for. */
export const offsetDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-24T08:15:00+01:00" })
  .refine(hasPlausibleOffset, "the UTC offset must be between -12:00 and +14:00")
  .refine(hasSupportedDate, dateRange)
  .openapi({ example: "2026-11-24T08:15:00+01:00" });

/** The app or device a stored record came from. */
export const SourceSchema = z.object({ name: z.string(), device_type: z.string(), device: z.string().nullable() }).openapi("Source");
