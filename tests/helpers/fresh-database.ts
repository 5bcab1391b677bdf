import postgres from "postgres";

/**
 * Drops and recreates the test database so every run migrates from an empty schema.
 * A database left behind by another branch's migrations (same table names, other journal) would
 * otherwise fail the run before a single test starts. Refuses any database whose name lacks "test".
 */
export async function recreateTestDatabase(url: string): Promise<void> {
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/test/i.test(dbName)) throw new Error(`refusing to drop "${dbName}": test databases must have "test" in their name`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql.unsafe(`drop database if exists "${dbName.replaceAll('"', '""')}" with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
