import { createRouter } from "../../lib/http.js";
import * as handlers from "./body.handlers.js";
import * as routes from "./body.routes.js";

export function bodyRouter() {
  return createRouter()
    .openapi(routes.createBodyMeasurementRoute, handlers.createBodyMeasurement)
    .openapi(routes.listBodyMeasurementsRoute, handlers.listBodyMeasurements)
    .openapi(routes.getBodyMeasurementRoute, handlers.getBodyMeasurementById)
    .openapi(routes.deleteBodyMeasurementRoute, handlers.deleteBodyMeasurementById)
    .openapi(routes.patchBodyMeasurementRoute, handlers.patchBodyMeasurement);
}
