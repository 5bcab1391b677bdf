import postgres from "postgres";

/** Runs `fn` with a one-connection client on the server's maintenance database. */
async function withMaintenance<T>(maintenanceUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(maintenanceUrl, { max: 1, onnotice: () => undefined });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function databaseExists(maintenanceUrl: string, name: string): Promise<boolean> {
  return withMaintenance(maintenanceUrl, async (sql) => (await sql`select 1 from pg_database where datname = ${name}`).length > 0);
}

/** Drops the bench's own database (its name is validated as a plain identifier by the options parser). */
export async function dropDatabase(maintenanceUrl: string, name: string): Promise<void> {
  await withMaintenance(maintenanceUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
