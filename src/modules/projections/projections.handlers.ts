import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { listWeeklyProjectionsRoute, simulateProjectionRoute } from "./projections.routes.js";
import { listWeeklyProjections } from "./projections.service.js";
import { simulateProjection } from "./simulate.service.js";

export const listWeekly: AppRouteHandler<typeof listWeeklyProjectionsRoute> = async (c) => {
  return c.json(await listWeeklyProjections(c.var.deps, c.var.userId, c.req.valid("query")), 200);
};

export const simulate: AppRouteHandler<typeof simulateProjectionRoute> = async (c) => {
  return c.json(await simulateProjection(c.var.deps, c.var.userId, c.req.valid("json")), 200);
};

export function projectionsRouter() {
  return createRouter().openapi(listWeeklyProjectionsRoute, listWeekly).openapi(simulateProjectionRoute, simulate);
}
