import { createRouter } from "../../lib/http.js";
import * as statusRoutes from "./day-status.routes.js";
import * as handlers from "./intake.handlers.js";
import * as routes from "./intake.routes.js";

export function intakeRouter() {
  return createRouter()
    .openapi(routes.createIntakeRoute, handlers.createIntake)
    .openapi(routes.listIntakeRoute, handlers.listIntakeEntries)
    .openapi(routes.getIntakeRoute, handlers.getIntake)
    .openapi(routes.patchIntakeRoute, handlers.patchIntake)
    .openapi(routes.deleteIntakeRoute, handlers.deleteIntake)
    .openapi(statusRoutes.getIntakeStatusRoute, handlers.getIntakeStatus)
    .openapi(statusRoutes.putIntakeStatusRoute, handlers.putIntakeStatus)
    .openapi(statusRoutes.deleteIntakeStatusRoute, handlers.deleteIntakeStatus);
}
