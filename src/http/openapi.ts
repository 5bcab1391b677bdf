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

/** Page size of every paginated list: 100 unless asked, at most 1000. */
export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 1000;

const pageFields = {
  cursor: z.string().max(300).optional().openapi({ description: "Opaque cursor from the previous page's `next_cursor`" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT_MAX)
    .default(PAGE_LIMIT_DEFAULT)
    .openapi({ description: `Items per page (default ${PAGE_LIMIT_DEFAULT}, at most ${PAGE_LIMIT_MAX})`, example: PAGE_LIMIT_DEFAULT }),
};

/** Cursor pagination query shared by every list route. */
export const PaginationQuerySchema = z.object(pageFields);

/**
 * A paginated list filtered by an optional inclusive local-date range: without `from`/`to` it lists everything, a
 * page at a time, so no span limit applies.
 */
export function listQuery<T extends z.ZodRawShape>(extra: T) {
  return z.object({
    from: localDateSchema.optional().openapi({ example: "2026-11-01", description: "First local date (inclusive); default: the first there is" }),
    to: localDateSchema.optional().openapi({ example: "2026-11-30", description: "Last local date (inclusive); default: the last there is" }),
    ...pageFields,
    ...extra,
  });
}

/** An inclusive local-date range query (plus route-specific fields); services check the range with assertDateRange. */
export function dateRangeQuery<T extends z.ZodRawShape>(extra: T) {
  return z.object({
    from: localDateSchema.openapi({ example: "2026-11-01", description: "First local date (inclusive)" }),
    to: localDateSchema.openapi({ example: "2026-11-30", description: "Last local date (inclusive)" }),
    ...extra,
  });
}

/** An optional inclusive local-date range (a route without pages defaults the missing bounds itself). */
export function optionalRangeQuery() {
  return listQuery({}).pick({ from: true, to: true });
}
