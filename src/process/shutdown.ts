import type { WorkerPool } from "../../workers/start-workers.js";
import { closeDeps, type Deps } from "../deps.js";
import type { ApiServer } from "../server.js";

export interface Running {
  deps: Deps;
  api: ApiServer | null;
  workers: WorkerPool | null;
}

/**
 * Stop intake first (HTTP server, workers), let in-flight work finish, then close queues, Redis and
 * Postgres; all inside one deadline. Resolves with the exit code: 0 when everything closed in time.
 */
export async function shutdown(running: Running, timeoutMs: number): Promise<number> {
  const { deps, api, workers } = running;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const orderly = (async () => {
    await Promise.all([api?.close(), workers?.close()]);
    await closeDeps(deps);
    return "closed" as const;
  })();
  const result = await Promise.race([orderly, deadline]).catch((err: Error) => {
    deps.logger.error({ error: { message: err.message } }, "shutdown.error");
    return "error" as const;
  });
  clearTimeout(timer);
  if (result === "closed") {
    deps.logger.info("shutdown.complete");
    return 0;
  }
  deps.logger.error({ result, timeoutMs }, "shutdown.incomplete");
  return 1;
}
