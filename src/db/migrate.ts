import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { DependencyUnavailableError, shortReason } from "./connection-check.js";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

// Any constant works; it only has to be the same in every wearsync process migrating this database.
const MIGRATION_LOCK_KEY = 7_346_112_001;

/** Creates the database named in `url` when it does not exist (connecting to the `postgres` maintenance db). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!dbName) throw new Error("DATABASE_URL must name a database");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${dbName}`;
    if (rows.length === 0) {
      try {
        await sql.unsafe(`create database "${dbName.replaceAll('"', '""')}"`);
      } catch (err) {
        // Two processes starting at once both try; the loser sees duplicate_database (42P04).
        if (!(err && typeof err === "object" && "code" in err && err.code === "42P04")) throw err;
      }
    }
  } catch (err) {
    throw asUnavailable(url, err);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Applies the committed drizzle/ migrations; the same function serves `npm start`, `db:migrate` and tests. */
export async function runMigrations(url: string): Promise<void> {
  const lockSql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const migrateSql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    // Several API/worker processes may start together; one migrates, the others wait and find nothing to do.
    await lockSql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(migrateSql), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    if (err instanceof DependencyUnavailableError) throw err;
    throw isConnectionError(err) ? asUnavailable(url, err) : err;
  } finally {
    await lockSql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => undefined);
    await migrateSql.end({ timeout: 5 });
    await lockSql.end({ timeout: 5 });
  }
}

export async function prepareDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  await runMigrations(url);
}

function isConnectionError(err: unknown): boolean {
  const code = err && typeof err === "object" && "code" in err ? String(err.code) : "";
  return ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "EAI_AGAIN", "28P01", "3D000"].includes(code);
}

function asUnavailable(url: string, err: unknown): Error {
  if (err instanceof DependencyUnavailableError) return err;
  return isConnectionError(err) ? new DependencyUnavailableError("Postgres", url, shortReason(err)) : (err as Error);
}
