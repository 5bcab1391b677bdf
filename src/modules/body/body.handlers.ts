import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentBodyMeasurement, presentBodyReport } from "./body.presenters.js";
import {
  createBodyMeasurementRoute,
  deleteBodyMeasurementRoute,
  getBodyMeasurementRoute,
  listBodyMeasurementsRoute,
  patchBodyMeasurementRoute,
} from "./body.routes.js";
import {
  deleteBodyMeasurement,
  getBodyMeasurement,
  recordBodyMeasurement,
  reportBodyMeasurements,
  setBodyMeasurementOutlier,
} from "./body.service.js";

export const createBodyMeasurement: AppRouteHandler<typeof createBodyMeasurementRoute> = async (c) => {
  const stored = await recordBodyMeasurement(c.var.deps, c.var.userId, c.req.valid("json"));
  return c.json(presentBodyMeasurement(stored, c.var.unitSystem), 201);
};

export const listBodyMeasurements: AppRouteHandler<typeof listBodyMeasurementsRoute> = async (c) => {
  const report = await reportBodyMeasurements(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json(presentBodyReport(report, c.var.unitSystem), 200);
};

export const getBodyMeasurementById: AppRouteHandler<typeof getBodyMeasurementRoute> = async (c) => {
  const found = await getBodyMeasurement(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.json(presentBodyMeasurement(found, c.var.unitSystem), 200);
};

export const deleteBodyMeasurementById: AppRouteHandler<typeof deleteBodyMeasurementRoute> = async (c) => {
  await deleteBodyMeasurement(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export const patchBodyMeasurement: AppRouteHandler<typeof patchBodyMeasurementRoute> = async (c) => {
  const updated = await setBodyMeasurementOutlier(c.var.deps, c.var.userId, c.req.valid("param").id, c.req.valid("json").outlier);
  return c.json(presentBodyMeasurement(updated, c.var.unitSystem), 200);
};

export function bodyRouter() {
  return createRouter()
    .openapi(createBodyMeasurementRoute, createBodyMeasurement)
    .openapi(listBodyMeasurementsRoute, listBodyMeasurements)
    .openapi(getBodyMeasurementRoute, getBodyMeasurementById)
    .openapi(deleteBodyMeasurementRoute, deleteBodyMeasurementById)
    .openapi(patchBodyMeasurementRoute, patchBodyMeasurement);
}
