import { jsonTextResponse } from "../../http/answer-cache.js";
import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { confirmDay, withdrawDayConfirmation } from "./day-confirmations.service.js";
import { getDay, listDaysJson } from "./days.service.js";
import { confirmDayRoute, getDayRoute, listDaysRoute, summaryRoute, withdrawDayConfirmationRoute } from "./energy.routes.js";
import { summarizeJson } from "./summary.service.js";

export const listDaysHandler: AppRouteHandler<typeof listDaysRoute> = async (c) => {
  const { from, to } = c.req.valid("query");
  return jsonTextResponse(c, await listDaysJson(c.var.deps, c.var.userId, from, to));
};

export const getDayHandler: AppRouteHandler<typeof getDayRoute> = async (c) => {
  return c.json(await getDay(c.var.deps, c.var.userId, c.req.valid("param").date), 200);
};

export const summaryHandler: AppRouteHandler<typeof summaryRoute> = async (c) => {
  return jsonTextResponse(c, await summarizeJson(c.var.deps, c.var.userId, c.req.valid("query")));
};

export const confirmDayHandler: AppRouteHandler<typeof confirmDayRoute> = async (c) => {
  return c.json(await confirmDay(c.var.deps, c.var.userId, c.req.valid("param").date), 200);
};

export const withdrawDayConfirmationHandler: AppRouteHandler<typeof withdrawDayConfirmationRoute> = async (c) => {
  await withdrawDayConfirmation(c.var.deps, c.var.userId, c.req.valid("param").date);
  return c.body(null, 204);
};

export function energyRouter() {
  return createRouter()
    .openapi(listDaysRoute, listDaysHandler)
    .openapi(getDayRoute, getDayHandler)
    .openapi(summaryRoute, summaryHandler)
    .openapi(confirmDayRoute, confirmDayHandler)
    .openapi(withdrawDayConfirmationRoute, withdrawDayConfirmationHandler);
}
