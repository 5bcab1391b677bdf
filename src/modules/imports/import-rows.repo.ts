import type { Sql } from "../../db/client.js";

/**
 * Rows first written by this import, per record type. Counting from the tables (not from the writes) keeps
 * the numbers identical whether the job ran once or was retried after a crash.
 */
export async function insertedByType(sql: Sql, userId: string, importId: string): Promise<Map<string, number>> {
  const rows = await sql<{ type: string; n: number }[]>`
    select type::text as type, count(*)::int as n from samples where user_id = ${userId} and import_id = ${importId} group by type
    union all
    select 'workout', count(*)::int from workouts where user_id = ${userId} and import_id = ${importId}
    union all
    select 'intake', count(*)::int from intake_entries where user_id = ${userId} and import_id = ${importId}`;
  return new Map(rows.map((r) => [r.type, r.n]));
}

/** Removes everything an unreadable file managed to write before it failed, so a failed import leaves nothing. */
export async function deleteImportedRows(sql: Sql, userId: string, importId: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`delete from intake_entries where user_id = ${userId} and import_id = ${importId}`;
    await tx`delete from body_measurements where user_id = ${userId} and import_id = ${importId}`;
    await tx`delete from workouts where user_id = ${userId} and import_id = ${importId}`;
    await tx`delete from samples where user_id = ${userId} and import_id = ${importId}`;
  });
}
