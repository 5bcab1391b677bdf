import { randomUUID } from "node:crypto";
import { type Env, parseEnv } from "../../src/config/env.js";

/** The dedicated test database; CI and developers share the same default. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/wearsync_test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

/** Variables for a test process or in-process deps: each call gets its own queue/rate-limit prefix. */
export function testEnvVars(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: "test",
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `test-${randomUUID()}`,
    LOG_LEVEL: "silent",
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DB_POOL_MAX: "4",
    UPLOAD_DIR: `/tmp/wearsync-test-uploads/${randomUUID()}`,
    ...overrides,
  };
}

export function testEnv(overrides: Record<string, string | undefined> = {}): Env {
  return parseEnv(testEnvVars(overrides));
}
