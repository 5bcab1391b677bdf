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
