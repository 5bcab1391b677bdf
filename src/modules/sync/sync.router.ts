import { createRouter } from "../../lib/http.js";
import { ingestHealthAutoExportPush } from "./health-auto-export.service.js";
import { healthAutoExportRoute, syncRoute } from "./sync.routes.js";
import { syncBatch } from "./sync.service.js";

export function syncRouter() {
  return createRouter()
    .openapi(syncRoute, async (c) => {
      const answer = await syncBatch(c.var.deps, c.var.userId, c.req.valid("header")["idempotency-key"], c.req.valid("json"));
      if (answer.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(answer.body, answer.status);
    })
    .openapi(healthAutoExportRoute, async (c) => {
      const result = await ingestHealthAutoExportPush(c.var.deps, c.var.userId, c.req.valid("json"));
      return c.json(result, 200);
    });
}
