import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { dayConfirmations } from "../../db/schema/index.js";

export async function upsertConfirmation(db: DbOrTx, row: typeof dayConfirmations.$inferInsert): Promise<void> {
  await db
    .insert(dayConfirmations)
    .values(row)
    .onConflictDoUpdate({ target: [dayConfirmations.userId, dayConfirmations.localDate], set: { flags: row.flags, confirmedAt: row.confirmedAt } });
}

/** True when a confirmation was there to delete. */
export async function deleteConfirmation(db: DbOrTx, userId: string, localDate: string): Promise<boolean> {
  const removed = await db
    .delete(dayConfirmations)
    .where(and(eq(dayConfirmations.userId, userId), eq(dayConfirmations.localDate, localDate)))
    .returning({ localDate: dayConfirmations.localDate });
  return removed.length > 0;
}
