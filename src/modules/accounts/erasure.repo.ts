import type { Sql } from "../../db/client.js";

/**
 * Every table that holds a person's rows, children first, each with how its rows are found. Tables without a
 * user_id column are reached through their parent. A new table with personal data belongs here (the erasure test
 * fails for any table with a user_id column this list lacks).
 */
export const USER_TABLES = [
  { table: "hiit_intervals", where: "session_id in (select id from hiit_sessions where user_id = $1)" },
  { table: "hiit_sessions", where: "user_id = $1" },
  { table: "hiit_analyses", where: "user_id = $1" },
  { table: "workout_streams", where: "workout_id in (select id from workouts where user_id = $1)" },
  { table: "workout_sets", where: "workout_id in (select id from workouts where user_id = $1)" },
  { table: "workouts", where: "user_id = $1" },
  { table: "samples", where: "user_id = $1" },
  { table: "intake_entries", where: "user_id = $1" },
  { table: "intake_day_statuses", where: "user_id = $1" },
  { table: "body_measurements", where: "user_id = $1" },
  { table: "daily_energy", where: "user_id = $1" },
  { table: "day_confirmations", where: "user_id = $1" },
  { table: "dirty_days", where: "user_id = $1" },
  { table: "weekly_projections", where: "user_id = $1" },
  { table: "idempotency_keys", where: "user_id = $1" },
  { table: "imports", where: "user_id = $1" },
  { table: "sources", where: "user_id = $1" },
  { table: "api_keys", where: "user_id = $1" },
  { table: "users", where: "id = $1" },
] as const;

/** Deletes every row of the user in one transaction; returns the rows deleted per table and the user's import ids. */
export async function eraseUserRows(sql: Sql, userId: string): Promise<{ rows: Record<string, number>; importIds: string[] }> {
  return sql.begin(async (tx) => {
    const importIds = (await tx.unsafe<{ id: string }[]>("select id from imports where user_id = $1", [userId])).map((r) => r.id);
    const rows: Record<string, number> = {};
    for (const { table, where } of USER_TABLES) {
      const result = await tx.unsafe(`delete from ${table} where ${where}`, [userId]);
      rows[table] = result.count;
    }
    return { rows, importIds };
  });
}
