import { createRouter } from "../../lib/http.js";
import * as handlers from "./imports.handlers.js";
import * as routes from "./imports.routes.js";

export function importsRouter() {
  return createRouter()
    .openapi(routes.uploadImportRoute, handlers.uploadImport)
    .openapi(routes.getImportRoute, handlers.getImportHandler)
    .openapi(routes.listImportsRoute, handlers.listImportsHandler)
    .openapi(routes.retryImportRoute, handlers.retryImportHandler)
    .openapi(routes.deleteImportRoute, handlers.deleteImportHandler);
}
