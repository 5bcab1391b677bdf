import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentApiKey, presentUser } from "./accounts.presenters.js";
import { createApiKeyRoute, createUserRoute, listApiKeysRoute, revokeApiKeyRoute } from "./accounts.routes.js";
import { createUserWithKey } from "./accounts.service.js";
import { issueKey, listKeys, revokeKey } from "./api-keys.service.js";

export const createUser: AppRouteHandler<typeof createUserRoute> = async (c) => {
  const { user, apiKey } = await createUserWithKey(c.var.deps, c.req.valid("json"));
  return c.json({ user: presentUser(user), api_key: apiKey }, 201);
};

export const createApiKey: AppRouteHandler<typeof createApiKeyRoute> = async (c) => {
  const { row, apiKey } = await issueKey(c.var.deps, c.var.userId, c.req.valid("json").name);
  return c.json({ ...presentApiKey(row), api_key: apiKey }, 201);
};

export const listApiKeys: AppRouteHandler<typeof listApiKeysRoute> = async (c) => {
  const page = await listKeys(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json({ api_keys: page.items.map(presentApiKey), next_cursor: page.nextCursor }, 200);
};

export const revokeApiKey: AppRouteHandler<typeof revokeApiKeyRoute> = async (c) => {
  await revokeKey(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export function accountsRouter() {
  return createRouter()
    .openapi(createUserRoute, createUser)
    .openapi(createApiKeyRoute, createApiKey)
    .openapi(listApiKeysRoute, listApiKeys)
    .openapi(revokeApiKeyRoute, revokeApiKey);
}
