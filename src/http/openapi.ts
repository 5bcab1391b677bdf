import { z } from "@hono/zod-openapi";
import { localDateSchema } from "./schemas.js";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().openapi({ example: "VALIDATION_FAILED" }),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error answers every authenticated route can give; spread into each route's `responses`. */
export const commonErrorResponses = {
  400: problem("Invalid request (per-field `errors[]`)"),
  401: problem("Missing, malformed, unknown or revoked API key"),
  413: problem("Body larger than the route's limit"),
  415: problem("Body is not JSON"),
  429: problem("Rate limit exceeded (see RateLimit-* headers)"),
  500: problem("Unexpected error (no internals)"),
} as const;

export const notFoundResponse = { 404: problem("No such object for this user") } as const;
export const conflictResponse = { 409: problem("Conflicts with an existing object") } as const;
export const problemResponseFor = problem;

export const bearerSecurity = [{ bearer: [] }];

/** A JSON response of `schema`, for a route's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A JSON request body of `schema`, for a route's `request.body`. */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

/** Cursor pagination query shared by every list route. */
export const PaginationQuerySchema = z.object({
  cursor: z.string().max(200).optional().openapi({ description: "Opaque cursor from `next_cursor`" }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** An inclusive local-date range query (plus route-specific fields); services check the range with assertDateRange. */
export function dateRangeQuery<T extends z.ZodRawShape>(extra: T) {
  return z.object({
    from: localDateSchema.openapi({ example: "2026-11-01", description: "First local date (inclusive)" }),
    to: localDateSchema.openapi({ example: "2026-11-30", description: "Last local date (inclusive)" }),
    ...extra,
  });
}
