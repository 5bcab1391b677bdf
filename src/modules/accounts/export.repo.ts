import type { Sql } from "../../db/client.js";
import { USER_TABLES } from "./erasure.repo.js";

// Every table of a person's data, as JSON lines straight from Postgres (row_to_json: column names as stored, times in
// ISO 8601 with offset), read through a cursor so memory stays bounded. API keys leave their secret hash out;
// idempotency records are transport bookkeeping, not data, and are not exported.
const LEFT_OUT = new Set(["idempotency_keys", "dirty_days"]);
const COLUMNS: Record<string, string> = {
  api_keys: "id, user_id, name, prefix, created_at, last_used_at, revoked_at",
  // The format of the file each workout came from goes with it: grouping tells a device's file from a platform's copy.
  workouts: "*, (select i.format from imports i where i.id = workouts.import_id) as import_format",
};
// Workouts and their sets and streams in one order (workout id, byte order), so an import joins them in one pass.
const ORDER: Record<string, string> = {
  workouts: 'order by id collate "C"',
  workout_sets: 'order by workout_id collate "C", set_index',
  workout_streams: 'order by workout_id collate "C", kind',
};

export const EXPORT_TABLES = USER_TABLES.filter((t) => !LEFT_OUT.has(t.table))
  .map((t) => ({ ...t, columns: COLUMNS[t.table] ?? "*", order: ORDER[t.table] ?? "" }))
  .reverse();

const BATCH_ROWS = 1_000;

/** The table's rows of the user, one JSON line each, in batches. */
export async function* tableLines(sql: Sql, table: (typeof EXPORT_TABLES)[number], userId: string): AsyncGenerator<string[]> {
  const query = sql.unsafe<{ line: string }[]>(
    `select row_to_json(t)::text as line from (select ${table.columns} from ${table.table} where ${table.where} ${table.order}) t`,
    [userId],
  );
  for await (const rows of query.cursor(BATCH_ROWS)) yield rows.map((r) => r.line);
}
