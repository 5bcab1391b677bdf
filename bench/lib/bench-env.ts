import { randomBytes } from "node:crypto";
import { type Env, parseEnv } from "../../src/config/env.js";

const PG_BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
// The rate limiter counts every request (also /healthz, per client address): raise both limits so it never caps load.
const NO_LIMIT = "10000000";

export interface BenchEnv {
  databaseUrl: string;
  /** The server's maintenance database, for DROP DATABASE. */
  maintenanceUrl: string;
  queuePrefix: string;
  adminToken: string;
  port: number;
  /** Environment of a service process (api or worker). */
  serviceVars(extra?: Record<string, string>): Record<string, string>;
  /** The same configuration for in-process deps (the bench's own recompute calls). */
  inProcessEnv(): Env;
}

export function createBenchEnv(database: string, port: number, logLevel: string): BenchEnv {
  const databaseUrl = `${PG_BASE}/${database}`;
  const queuePrefix = `bench-api-${randomBytes(6).toString("hex")}`;
  const adminToken = `bench-admin-${randomBytes(16).toString("hex")}`;
  const base: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    ADMIN_TOKEN: adminToken,
    RATE_LIMIT_PER_MINUTE: NO_LIMIT,
    RATE_LIMIT_ANON_PER_MINUTE: NO_LIMIT,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: logLevel,
    SHUTDOWN_TIMEOUT_MS: "10000",
  };
  return {
    databaseUrl,
    maintenanceUrl: `${PG_BASE}/postgres`,
    queuePrefix,
    adminToken,
    port,
    serviceVars: (extra = {}) => ({ ...base, ...extra }),
    inProcessEnv: () => parseEnv({ ...base, LOG_LEVEL: "silent" }),
  };
}
