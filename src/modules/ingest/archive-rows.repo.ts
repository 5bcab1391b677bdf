import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "../../db/client.js";

// Bulk writes of the rows an export restores besides samples and workouts (which take the shared write path):
// COPY into a staging table, then one INSERT … ON CONFLICT DO NOTHING on every unique key of the table, so a
// re-import, a retried batch or a row the person already has adds nothing. Only these tables are written here.

type Cell = string | number | boolean | null | readonly string[];

const RESTORED = {
  intake_entries: [
    "id",
    "user_id",
    "consumed_at",
    "utc_offset_min",
    "local_date",
    "energy_kcal",
    "name",
    "meal",
    "protein_g",
    "carbs_g",
    "fat_g",
    "external_id",
    "origin",
    "source_id",
    "import_id",
  ],
  body_measurements: [
    "id",
    "user_id",
    "measured_at",
    "utc_offset_min",
    "local_date",
    "weight_kg",
    "body_fat_pct",
    "outlier_override",
    "source_id",
    "import_id",
  ],
  intake_day_statuses: ["user_id", "local_date", "status"],
  day_confirmations: ["user_id", "local_date", "flags", "confirmed_at"],
} as const;

export type RestoredTable = keyof typeof RESTORED;

/** COPY text format: backslash, tab and line breaks escaped; NULL as \N; arrays as quoted array literals. */
function copyCell(value: Cell): string {
  if (value === null) return "\\N";
  const text = Array.isArray(value) ? `{${value.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}` : String(value);
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Inserts the rows (cells in the table's column order above) that collide with no existing row; returns how many. */
export async function copyInsertRestored(sql: Sql, table: RestoredTable, rows: readonly (readonly Cell[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = RESTORED[table].join(", ");
  const text = `${rows.map((row) => row.map(copyCell).join("\t")).join("\n")}\n`;
  return sql.begin(async (tx) => {
    await tx.unsafe(`create temp table stage_restored (like ${table} including defaults) on commit drop`);
    const writable = await tx.unsafe(`copy stage_restored (${columns}) from stdin`).writable();
    await pipeline(Readable.from([text]), writable);
    const inserted = await tx.unsafe(`insert into ${table} (${columns}) select ${columns} from stage_restored on conflict do nothing`);
    return inserted.count;
  });
}

/** Gives the user's sources the exported priority where they have none of their own (a person's choice wins). */
export async function restoreSourcePriorities(
  sql: Sql,
  userId: string,
  priorities: readonly { sourceId: number; priority: number }[],
): Promise<void> {
  if (priorities.length === 0) return;
  await sql`
    update sources s set priority = p.priority
    from (select unnest(${sql.array(priorities.map((p) => p.sourceId))}::int[]) as id,
                 unnest(${sql.array(priorities.map((p) => p.priority))}::int[]) as priority) p
    where s.id = p.id and s.user_id = ${userId} and s.priority is null`;
}
