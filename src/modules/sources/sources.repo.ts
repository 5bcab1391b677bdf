import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx, Sql } from "../../db/client.js";
import { sources } from "../../db/schema/index.js";

export async function listSources(db: DbOrTx, userId: string) {
  return db.select().from(sources).where(eq(sources.userId, userId)).orderBy(asc(sources.id));
}

export async function setSourcePriority(db: DbOrTx, userId: string, sourceId: number, priority: number | null) {
  const [row] = await db
    .update(sources)
    .set({ priority })
    .where(and(eq(sources.id, sourceId), eq(sources.userId, userId)))
    .returning();
  return row;
}

/** Every local date this source has data on: a priority change can change each of those days. */
export async function datesWithSource(sql: Sql, userId: string, sourceId: number): Promise<string[]> {
  const rows = await sql<{ d: string }[]>`
    select distinct local_date::text as d from samples where user_id = ${userId} and source_id = ${sourceId}
    union select distinct local_date::text from workouts where user_id = ${userId} and source_id = ${sourceId}`;
  return rows.map((r) => r.d);
}
