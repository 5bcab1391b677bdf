import { getHeapStatistics } from "node:v8";
import { registerAllUserSchedules, startWorkers } from "../../workers/start-workers.js";
import { loadEnv } from "../config/env.js";
import { prepareDatabase } from "../db/migrate.js";
import { checkConnections, createDeps } from "../deps.js";
import { enqueueRegroupForAllUsers } from "../modules/workouts/index.js";
import { startApi } from "../server.js";
import { exitOnStartupError } from "../startup-errors.js";
import { type Running, shutdown } from "./shutdown.js";

type Role = "all" | "api" | "worker";

function parseRole(arg: string | undefined): Role {
  if (arg === undefined || arg === "all" || arg === "api" || arg === "worker") return arg ?? "all";
  process.stderr.write(`wearsync: unknown role "${arg}"; use all, api or worker\n`);
  process.exit(2);
}

async function start(role: Role): Promise<Running> {
  const env = loadEnv();
  await prepareDatabase(env.DATABASE_URL);
  const deps = createDeps(env, { applicationName: `wearsync-${role}` });
  try {
    await checkConnections(deps);
  } catch (err) {
    deps.redis.disconnect();
    await deps.sql.end({ timeout: 1 });
    throw err;
  }
  await warnOnEvictingRedis(deps);
  const api = role === "worker" ? null : await startApi(deps, { port: env.PORT, host: env.HOST });
  const workers = role === "api" ? null : startWorkers(deps);
  await workers?.ready;
  if (workers) {
    registerAllUserSchedules(deps).then(
      (users) => deps.logger.info({ users }, "worker.user-schedules-registered"),
      (err: Error) => deps.logger.error({ error: { message: err.message } }, "worker.user-schedules-not-registered"),
    );
    enqueueRegroupForAllUsers(deps).then(
      (users) => deps.logger.info({ users }, "worker.workout-regroups-queued"),
      (err: Error) => deps.logger.error({ error: { message: err.message } }, "worker.workout-regroups-not-queued"),
    );
  }
  // The start scripts cap the heap (package.json); the log says which cap a process really got.
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  deps.logger.info({ role, port: api?.port, host: env.HOST, heapLimitMb }, "started");
  return { deps, api, workers };
}

// BullMQ loses jobs silently if Redis evicts keys under memory pressure.
async function warnOnEvictingRedis(running: Pick<Running, "deps">["deps"]): Promise<void> {
  const reply = (await running.redis.config("GET", "maxmemory-policy").catch(() => [])) as string[];
  const policy = reply[1];
  if (policy && policy !== "noeviction") running.logger.warn({ policy }, "redis.maxmemory-policy-not-noeviction");
}

const role = parseRole(process.argv[2]);
let running: Running;
try {
  running = await start(role);
} catch (err) {
  exitOnStartupError(err);
}

let stopping = false;
const stop = async (reason: string, exitCode: number) => {
  if (stopping) return;
  stopping = true;
  running.deps.logger.info({ reason }, "shutdown.begin");
  const code = await shutdown(running, running.deps.env.SHUTDOWN_TIMEOUT_MS);
  process.exit(Math.max(code, exitCode));
};
process.on("SIGTERM", () => void stop("SIGTERM", 0));
process.on("SIGINT", () => void stop("SIGINT", 0));
process.on("uncaughtException", (err) => {
  running.deps.logger.fatal({ error: { type: err.name, message: err.message, stack: err.stack } }, "uncaught-exception");
  void stop("uncaughtException", 1);
});
process.on("unhandledRejection", (reason) => {
  running.deps.logger.fatal({ error: { message: String(reason) } }, "unhandled-rejection");
  void stop("unhandledRejection", 1);
});
