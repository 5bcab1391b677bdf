import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { HaeDataSchema } from "./hae.schemas.js";
import { ingestHealthAutoExportPush } from "./health-auto-export.service.js";
import { healthAutoExportRoute, syncRoute } from "./sync.routes.js";
import { SyncSampleComponent, SyncWorkoutComponent } from "./sync.schemas.js";
import { syncBatch } from "./sync.service.js";

export const syncHandler: AppRouteHandler<typeof syncRoute> = async (c) => {
  const answer = await syncBatch(c.var.deps, c.var.userId, c.req.valid("header")["idempotency-key"], c.req.valid("json"));
  if (answer.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(answer.body, answer.status);
};

export const healthAutoExportHandler: AppRouteHandler<typeof healthAutoExportRoute> = async (c) => {
  return c.json(await ingestHealthAutoExportPush(c.var.deps, c.var.userId, c.req.valid("json")), 200);
};

export function syncRouter() {
  const router = createRouter().openapi(syncRoute, syncHandler).openapi(healthAutoExportRoute, healthAutoExportHandler);
  // The batch's items are validated one by one in the service; their schemas are components the batch refers to.
  router.openAPIRegistry.register("SyncSample", SyncSampleComponent);
  router.openAPIRegistry.register("SyncWorkout", SyncWorkoutComponent);
  router.openAPIRegistry.register("HealthAutoExportData", HaeDataSchema);
  return router;
}
