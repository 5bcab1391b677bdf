import { and, asc, between, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { intakeDayStatuses, intakeEntries } from "../../db/schema/index.js";
import type { DeclaredIntakeStatus } from "../../lib/vocabulary.js";

/** Entry energies in [from, to], in the order intakeForDay reads them (eaten, then id). */
export async function entryEnergiesBetween(
  db: DbOrTx,
  userId: string,
  from: string,
  to: string,
): Promise<{ localDate: string; energyKcal: number }[]> {
  return db
    .select({ localDate: intakeEntries.localDate, energyKcal: intakeEntries.energyKcal })
    .from(intakeEntries)
    .where(and(eq(intakeEntries.userId, userId), between(intakeEntries.localDate, from, to)))
    .orderBy(asc(intakeEntries.consumedAt), asc(intakeEntries.id));
}

export async function declaredStatusesBetween(db: DbOrTx, userId: string, from: string, to: string): Promise<Map<string, DeclaredIntakeStatus>> {
  const rows = await db
    .select({ localDate: intakeDayStatuses.localDate, status: intakeDayStatuses.status })
    .from(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), between(intakeDayStatuses.localDate, from, to)));
  return new Map(rows.map((r) => [r.localDate, r.status]));
}
