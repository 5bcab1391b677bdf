import { createRouter } from "../../lib/http.js";
import * as handlers from "./accounts.handlers.js";
import * as routes from "./accounts.routes.js";

export function accountsRouter() {
  return createRouter()
    .openapi(routes.createUserRoute, handlers.createUser)
    .openapi(routes.getMeRoute, handlers.getMe)
    .openapi(routes.patchMeRoute, handlers.patchMe)
    .openapi(routes.createApiKeyRoute, handlers.createApiKey)
    .openapi(routes.listApiKeysRoute, handlers.listApiKeys)
    .openapi(routes.revokeApiKeyRoute, handlers.revokeApiKey);
}
