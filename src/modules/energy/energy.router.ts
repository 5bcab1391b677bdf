import { createRouter } from "../../lib/http.js";
import { getDay, listDays } from "./days.service.js";
import { getDayRoute, listDaysRoute } from "./energy.routes.js";

export function energyRouter() {
  return createRouter()
    .openapi(listDaysRoute, async (c) => {
      const { from, to } = c.req.valid("query");
      return c.json(await listDays(c.var.deps, c.var.userId, from, to), 200);
    })
    .openapi(getDayRoute, async (c) => c.json(await getDay(c.var.deps, c.var.userId, c.req.valid("param").date), 200));
}
