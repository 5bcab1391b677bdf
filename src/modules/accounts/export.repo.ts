import type { Sql } from "../../db/client.js";
import { USER_TABLES } from "./erasure.repo.js";

// Every table of a person's data, as JSON lines straight from Postgres (row_to_json: column names as stored, times in
// ISO 8601 with offset), read through a cursor so memory stays bounded. API keys leave their secret hash out;
// idempotency records are transport bookkeeping, not data, and are not exported.
const LEFT_OUT = new Set(["idempotency_keys", "dirty_days"]);
const COLUMNS: Record<string, string> = { api_keys: "id, user_id, name, prefix, created_at, last_used_at, revoked_at" };

export const EXPORT_TABLES = USER_TABLES.filter((t) => !LEFT_OUT.has(t.table))
  .map((t) => ({ ...t, columns: COLUMNS[t.table] ?? "*" }))
  .reverse();

const BATCH_ROWS = 1_000;

/** The table's rows of the user, one JSON line each, in batches. */
export async function* tableLines(sql: Sql, table: (typeof EXPORT_TABLES)[number], userId: string): AsyncGenerator<string[]> {
  const query = sql.unsafe<{ line: string }[]>(
    `select row_to_json(t)::text as line from (select ${table.columns} from ${table.table} where ${table.where}) t`,
    [userId],
  );
  for await (const rows of query.cursor(BATCH_ROWS)) yield rows.map((r) => r.line);
}
