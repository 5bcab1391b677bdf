import { createRouter } from "../../lib/http.js";
import { listHiitSessionsRoute } from "./hiit.routes.js";
import { listHiitSessions } from "./hiit.service.js";

export function hiitRouter() {
  return createRouter().openapi(listHiitSessionsRoute, async (c) => {
    const { from, to } = c.req.valid("query");
    return c.json(await listHiitSessions(c.var.deps, c.var.userId, from, to), 200);
  });
}
