import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { listHiitSessionsRoute } from "./hiit.routes.js";
import { listHiitSessions } from "./hiit.service.js";

export const listSessions: AppRouteHandler<typeof listHiitSessionsRoute> = async (c) => {
  return c.json(await listHiitSessions(c.var.deps, c.var.userId, c.req.valid("query")), 200);
};

export function hiitRouter() {
  return createRouter().openapi(listHiitSessionsRoute, listSessions);
}
