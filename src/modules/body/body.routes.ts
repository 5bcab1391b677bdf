import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonBody, jsonResponse, listQuery, notFoundResponse } from "../../http/openapi.js";
import {
  BodyMeasurementIdParamsSchema,
  BodyMeasurementListSchema,
  BodyMeasurementSchema,
  CreateBodyMeasurementSchema,
  PatchBodyMeasurementSchema,
} from "./body.schemas.js";

export const createBodyMeasurementRoute = createRoute({
  operationId: "createBodyMeasurement",
  method: "post",
  path: "/v1/body-measurements",
  tags: ["body"],
  summary: "Record a weigh-in (kg or lb) and/or body fat",
  description:
    "A measurement at the same instant as a stored one (e.g. an imported scale record) is the same measurement: the fields sent replace the stored ones, the others are kept.",
  security: bearerSecurity,
  request: { body: jsonBody(CreateBodyMeasurementSchema) },
  responses: { 201: jsonResponse(BodyMeasurementSchema, "The stored (possibly merged) measurement"), ...commonErrorResponses },
});

export const listBodyMeasurementsRoute = createRoute({
  operationId: "listBodyMeasurements",
  method: "get",
  path: "/v1/body-measurements",
  tags: ["body"],
  summary: "Your measurements, oldest first, with the daily weight trend; `from`/`to` filter on the local date",
  security: bearerSecurity,
  request: { query: listQuery({}) },
  responses: { 200: jsonResponse(BodyMeasurementListSchema, "A page of measurements and their trend"), ...commonErrorResponses },
});

export const getBodyMeasurementRoute = createRoute({
  operationId: "getBodyMeasurement",
  method: "get",
  path: "/v1/body-measurements/{id}",
  tags: ["body"],
  summary: "One body measurement",
  security: bearerSecurity,
  request: { params: BodyMeasurementIdParamsSchema },
  responses: { 200: jsonResponse(BodyMeasurementSchema, "The measurement"), ...commonErrorResponses, ...notFoundResponse },
});

export const deleteBodyMeasurementRoute = createRoute({
  operationId: "deleteBodyMeasurement",
  method: "delete",
  path: "/v1/body-measurements/{id}",
  tags: ["body"],
  summary: "Delete a body measurement",
  security: bearerSecurity,
  request: { params: BodyMeasurementIdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses, ...notFoundResponse },
});

export const patchBodyMeasurementRoute = createRoute({
  operationId: "patchBodyMeasurement",
  method: "patch",
  path: "/v1/body-measurements/{id}",
  tags: ["body"],
  summary: "Confirm a weigh-in flagged as an outlier (outlier: false), or mark one (outlier: true)",
  description: "Your verdict is kept over the automatic rule; the trend, the days and the projections are recomputed.",
  security: bearerSecurity,
  request: {
    params: BodyMeasurementIdParamsSchema,
    body: jsonBody(PatchBodyMeasurementSchema),
  },
  responses: { 200: jsonResponse(BodyMeasurementSchema, "The measurement"), ...commonErrorResponses, ...notFoundResponse },
});
