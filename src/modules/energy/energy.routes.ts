import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery } from "../../lib/openapi.js";
import { DateParamsSchema, DayDetailSchema, DaysSchema } from "./energy.schemas.js";

export const listDaysRoute = createRoute({
  method: "get",
  path: "/v1/days",
  tags: ["energy"],
  summary: "Daily energy balance for each local date in the range (at most 366 days)",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: { description: "One element per date", content: { "application/json": { schema: DaysSchema } } },
    ...commonErrorResponses,
  },
});

export const getDayRoute = createRoute({
  method: "get",
  path: "/v1/days/{date}",
  tags: ["energy"],
  summary: "One day with its breakdown: sources, workouts (counted or not and why), intake and estimate inputs",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: {
    200: { description: "The day", content: { "application/json": { schema: DayDetailSchema } } },
    ...commonErrorResponses,
  },
});

export const SummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days_used: z.number().int(),
    mean_deficit_kcal: z.number().nullable(),
    mean_burned_kcal: z.number().nullable(),
    mean_intake_kcal: z.number().nullable(),
    excluded: z.array(z.object({ date: z.string(), reason: z.string() })),
    pending: z.boolean(),
  })
  .openapi("Summary");

export const summaryRoute = createRoute({
  method: "get",
  path: "/v1/summary",
  tags: ["energy"],
  summary: "Mean daily deficit, burn and intake over the complete logged days of a range, and the days left out",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: { description: "The summary", content: { "application/json": { schema: SummarySchema } } },
    ...commonErrorResponses,
  },
});
