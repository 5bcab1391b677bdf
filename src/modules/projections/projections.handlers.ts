import { jsonTextResponse } from "../../http/answer-cache.js";
import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { listWeeklyProjectionsRoute, simulateProjectionRoute } from "./projections.routes.js";
import { listWeeklyProjectionsJson } from "./projections.service.js";
import { simulateProjection } from "./simulate.service.js";

export const listWeekly: AppRouteHandler<typeof listWeeklyProjectionsRoute> = async (c) => {
  const { deps, userId, pendingRead } = c.var;
  return jsonTextResponse(c, await listWeeklyProjectionsJson(deps, userId, c.req.valid("query"), pendingRead?.projection));
};

export const simulate: AppRouteHandler<typeof simulateProjectionRoute> = async (c) => {
  return c.json(await simulateProjection(c.var.deps, c.var.userId, c.req.valid("json")), 200);
};

export function projectionsRouter() {
  return createRouter().openapi(listWeeklyProjectionsRoute, listWeekly).openapi(simulateProjectionRoute, simulate);
}
