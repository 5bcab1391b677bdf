import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { listHiitSessionsRoute } from "./hiit.routes.js";
import { listHiitSessions } from "./hiit.service.js";

export const listSessions: AppRouteHandler<typeof listHiitSessionsRoute> = async (c) => {
  const { from, to } = c.req.valid("query");
  return c.json(await listHiitSessions(c.var.deps, c.var.userId, from, to), 200);
};

export function hiitRouter() {
  return createRouter().openapi(listHiitSessionsRoute, listSessions);
}
