import { Redis } from "ioredis";

export type RedisRole = "producer" | "worker" | "app";

/**
 * Producers (the API) fail fast so a request answers 503 instead of hanging while Redis is down;
 * workers wait forever for Redis to come back (BullMQ requires maxRetriesPerRequest: null there).
 */
export function createRedis(url: string, role: RedisRole): Redis {
  const failFast = role !== "worker";
  return new Redis(url, {
    connectionName: `wearsync-${role}`,
    maxRetriesPerRequest: failFast ? 1 : null,
    enableOfflineQueue: !failFast,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(1_000 * 2 ** Math.min(attempt, 5), 20_000),
  });
}

/** True when a command failed because Redis is unreachable (the fail-fast producer connection refuses at once). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "MaxRetriesPerRequestError") return true;
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|connect ETIMEDOUT/.test(err.message);
}
