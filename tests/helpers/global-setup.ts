import { Redis } from "ioredis";
import { prepareDatabase } from "../../src/db/migrate.js";
import { recreateTestDatabase } from "./fresh-database.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./test-env.js";

/** Recreates and migrates the test database with the production migrator, and insists Redis is there. */
export async function setup(): Promise<void> {
  await recreateTestDatabase(TEST_DATABASE_URL);
  await prepareDatabase(TEST_DATABASE_URL);
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`integration tests need Redis at ${TEST_REDIS_URL}: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
