import { createRouter } from "../../lib/http.js";
import { listWeeklyProjections } from "./projections.service.js";
import { listWeeklyProjectionsRoute, simulateProjectionRoute } from "./projections.routes.js";
import { simulateProjection } from "./simulate.service.js";

export function projectionsRouter() {
  return createRouter()
    .openapi(listWeeklyProjectionsRoute, async (c) => {
      const { from, to } = c.req.valid("query");
      return c.json(await listWeeklyProjections(c.var.deps, c.var.userId, from, to), 200);
    })
    .openapi(simulateProjectionRoute, async (c) => c.json(await simulateProjection(c.var.deps, c.var.userId, c.req.valid("json")), 200));
}
