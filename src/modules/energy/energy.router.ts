import { createRouter } from "../../lib/http.js";
import { getDay, listDays } from "./days.service.js";
import { confirmDay, withdrawDayConfirmation } from "./day-confirmations.service.js";
import { confirmDayRoute, getDayRoute, listDaysRoute, summaryRoute, withdrawDayConfirmationRoute } from "./energy.routes.js";
import { summarize } from "./summary.service.js";

export function energyRouter() {
  return createRouter()
    .openapi(listDaysRoute, async (c) => {
      const { from, to } = c.req.valid("query");
      return c.json(await listDays(c.var.deps, c.var.userId, from, to), 200);
    })
    .openapi(getDayRoute, async (c) => c.json(await getDay(c.var.deps, c.var.userId, c.req.valid("param").date), 200))
    .openapi(summaryRoute, async (c) => {
      const { from, to } = c.req.valid("query");
      return c.json(await summarize(c.var.deps, c.var.userId, from, to), 200);
    })
    .openapi(confirmDayRoute, async (c) => c.json(await confirmDay(c.var.deps, c.var.userId, c.req.valid("param").date), 200))
    .openapi(withdrawDayConfirmationRoute, async (c) => {
      await withdrawDayConfirmation(c.var.deps, c.var.userId, c.req.valid("param").date);
      return c.body(null, 204);
    });
}
