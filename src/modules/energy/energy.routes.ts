import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, conflictResponse, dateRangeQuery } from "../../lib/openapi.js";
import { DateParamsSchema, DayConfirmationSchema, DayDetailSchema, DaysSchema } from "./energy.schemas.js";

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

export const confirmDayRoute = createRoute({
  method: "put",
  path: "/v1/days/{date}/confirm",
  tags: ["energy"],
  summary: "Confirm a day flagged implausible_intake or implausible_burn: its values are right, count it",
  description:
    "Confirms the flags the day carries now; the day then enters /v1/summary, calibration and projections once recomputed (`pending`). A flag of another kind later needs a new confirmation. 409 DAY_NOT_FLAGGED when the day carries no flag.",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: {
    200: { description: "Confirmed", content: { "application/json": { schema: DayConfirmationSchema } } },
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const withdrawDayConfirmationRoute = createRoute({
  method: "delete",
  path: "/v1/days/{date}/confirm",
  tags: ["energy"],
  summary: "Withdraw a day's confirmation: its flags keep it out of means again",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: { 204: { description: "Withdrawn (or there was none)" }, ...commonErrorResponses },
});
