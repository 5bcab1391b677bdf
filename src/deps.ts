import type { Redis } from "ioredis";
import type { Env } from "./config/env.js";
import { createDb, type Db, type Sql } from "./db/client.js";
import { DependencyUnavailableError, shortReason } from "./db/connection-check.js";
import { PendingStore } from "./jobs/pending.js";
import { closeQueues, createQueues, type Queues } from "./jobs/queues.js";
import { createRedis } from "./jobs/redis.js";
import { type Clock, systemClock } from "./lib/clock.js";
import { createLogger, type Logger } from "./lib/logger.js";

/** Everything a handler, service or processor may use, created once per process and passed explicitly. */
export interface Deps {
  env: Env;
  db: Db;
  sql: Sql;
  /** Fail-fast connection: queue producers, rate limits, readiness. */
  redis: Redis;
  queues: Queues;
  /** The API's `pending` markers, on the producer connection. */
  pending: PendingStore;
  logger: Logger;
  clock: Clock;
}

export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  applicationName?: string;
}

export function createDeps(env: Env, overrides: DepsOverrides = {}): Deps {
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  const { db, sql } = createDb(env.DATABASE_URL, {
    max: env.DB_POOL_MAX,
    applicationName: overrides.applicationName ?? "wearsync",
  });
  const redis = createRedis(env.REDIS_URL, "producer");
  redis.on("error", (err: Error) => logger.debug({ error: { message: err.message } }, "redis.error"));
  const queues = createQueues(redis, env.QUEUE_PREFIX, logger);
  const pending = new PendingStore(redis, env.QUEUE_PREFIX);
  return { env, db, sql, redis, queues, pending, logger, clock: overrides.clock ?? systemClock };
}

/** Fails with one readable line when Postgres or Redis cannot be reached. */
export async function checkConnections(deps: Deps): Promise<void> {
  try {
    await deps.sql`select 1`;
  } catch (err) {
    throw new DependencyUnavailableError("Postgres", deps.env.DATABASE_URL, shortReason(err));
  }
  try {
    await waitUntilReady(deps.redis, REDIS_CONNECT_TIMEOUT_MS);
    await deps.redis.ping();
  } catch (err) {
    throw new DependencyUnavailableError("Redis", deps.env.REDIS_URL, shortReason(err));
  }
}

const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** The producer connection refuses commands until it is ready (no offline queue), so wait for that first. */
function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error) => {
      lastError = err;
    };
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      redis.off("error", onError);
      reject(lastError ?? new Error(`not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      redis.off("error", onError);
      resolve();
    };
    redis.once("ready", onReady);
    redis.on("error", onError);
  });
}

/** Closes in reverse order of use: queues, then Redis, then Postgres. */
export async function closeDeps(deps: Deps): Promise<void> {
  await closeQueues(deps.queues).catch(() => undefined);
  await deps.redis.quit().catch(() => deps.redis.disconnect());
  await deps.sql.end({ timeout: 5 });
}
