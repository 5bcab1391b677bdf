import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentSource } from "./sources.presenters.js";
import { listSourcesRoute, patchSourceRoute } from "./sources.routes.js";
import { changePriority, listUserSources } from "./sources.service.js";

export const listSourcesHandler: AppRouteHandler<typeof listSourcesRoute> = async (c) => {
  return c.json({ sources: (await listUserSources(c.var.deps, c.var.userId)).map(presentSource) }, 200);
};

export const patchSourceHandler: AppRouteHandler<typeof patchSourceRoute> = async (c) => {
  const row = await changePriority(c.var.deps, c.var.userId, c.req.valid("param").id, c.req.valid("json").priority);
  return c.json(presentSource(row), 200);
};

export function sourcesRouter() {
  return createRouter().openapi(listSourcesRoute, listSourcesHandler).openapi(patchSourceRoute, patchSourceHandler);
}
