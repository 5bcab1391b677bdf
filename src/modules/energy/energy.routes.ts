import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, conflictResponse, dateRangeQuery, jsonResponse, optionalRangeQuery } from "../../http/openapi.js";
import { DateParamsSchema, DayConfirmationSchema, DayDetailSchema, DaysSchema, SummarySchema } from "./energy.schemas.js";

export const listDaysRoute = createRoute({
  operationId: "listDays",
  method: "get",
  path: "/v1/days",
  tags: ["energy"],
  summary: "Daily energy balance for each local date in the range (at most 366 days)",
  security: bearerSecurity,
  request: { query: dateRangeQuery({}) },
  responses: {
    200: jsonResponse(DaysSchema, "One element per date"),
    ...commonErrorResponses,
  },
});

export const getDayRoute = createRoute({
  operationId: "getDay",
  method: "get",
  path: "/v1/days/{date}",
  tags: ["energy"],
  summary: "One day with its breakdown: sources, workouts (counted or not and why), intake and estimate inputs",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: {
    200: jsonResponse(DayDetailSchema, "The day"),
    ...commonErrorResponses,
  },
});

export const summaryRoute = createRoute({
  operationId: "summary",
  method: "get",
  path: "/v1/summary",
  tags: ["energy"],
  summary: "Mean daily deficit, burn and intake over the complete logged days of a range, and the days left out",
  description:
    "Without `from`/`to` the range runs from your first to your last computed day (today when there is none); a range spans at most 3660 days. `/v1/days` keeps a range of at most 366 days: page through a longer history by range.",
  security: bearerSecurity,
  request: { query: optionalRangeQuery() },
  responses: {
    200: jsonResponse(SummarySchema, "The summary"),
    ...commonErrorResponses,
  },
});

export const confirmDayRoute = createRoute({
  operationId: "confirmDay",
  method: "put",
  path: "/v1/days/{date}/confirm",
  tags: ["energy"],
  summary: "Confirm a day flagged implausible_intake or implausible_burn: its values are right, count it",
  description:
    "Confirms the flags the day carries now; the day then enters /v1/summary, calibration and projections once recomputed (`pending`). A flag of another kind later needs a new confirmation. 409 DAY_NOT_FLAGGED when the day carries no flag.",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: {
    200: jsonResponse(DayConfirmationSchema, "Confirmed"),
    ...commonErrorResponses,
    ...conflictResponse,
  },
});

export const withdrawDayConfirmationRoute = createRoute({
  operationId: "withdrawDayConfirmation",
  method: "delete",
  path: "/v1/days/{date}/confirm",
  tags: ["energy"],
  summary: "Withdraw a day's confirmation: its flags keep it out of means again",
  security: bearerSecurity,
  request: { params: DateParamsSchema },
  responses: { 204: { description: "Withdrawn (or there was none)" }, ...commonErrorResponses },
});
