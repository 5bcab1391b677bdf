import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.js";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; repos accept `Db | Tx` so services decide the transaction boundary. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type Sql = postgres.Sql;

export function createDb(url: string, opts: { max: number; applicationName: string }): { db: Db; sql: Sql } {
  const sql = postgres(url, {
    max: opts.max,
    onnotice: () => {},
    // With Postgres down a request fails within seconds (answered 503) instead of waiting on a connect for 30 s.
    connect_timeout: 5,
    connection: {
      application_name: opts.applicationName,
      // Bounds a zombie transaction left by a killed client (postgres.js hazard, docs/architecture.md, Reliability).
      idle_in_transaction_session_timeout: 60_000,
    },
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql };
}
