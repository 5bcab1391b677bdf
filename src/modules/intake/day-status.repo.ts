import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { intakeDayStatuses, intakeEntries } from "../../db/schema/index.js";
import type { DeclaredIntakeStatus } from "../../lib/vocabulary.js";

export async function findDeclaredStatus(db: DbOrTx, userId: string, localDate: string): Promise<DeclaredIntakeStatus | undefined> {
  const [row] = await db
    .select({ status: intakeDayStatuses.status })
    .from(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), eq(intakeDayStatuses.localDate, localDate)))
    .limit(1);
  return row?.status;
}

export async function upsertDeclaredStatus(
  db: DbOrTx,
  row: { userId: string; localDate: string; status: DeclaredIntakeStatus; updatedAt: Date },
): Promise<void> {
  await db
    .insert(intakeDayStatuses)
    .values(row)
    .onConflictDoUpdate({
      target: [intakeDayStatuses.userId, intakeDayStatuses.localDate],
      set: { status: row.status, updatedAt: row.updatedAt },
    });
}

/** Statuses from an export: only days without one get it (see importIntakeEvents). Returns the dates set. */
export async function insertMissingStatuses(
  db: DbOrTx,
  rows: { userId: string; localDate: string; status: DeclaredIntakeStatus; updatedAt: Date }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(intakeDayStatuses).values(rows).onConflictDoNothing().returning({ localDate: intakeDayStatuses.localDate });
  return inserted.map((r) => r.localDate);
}

/** True when a declaration was removed. */
export async function deleteDeclaredStatus(db: DbOrTx, userId: string, localDate: string): Promise<boolean> {
  const rows = await db
    .delete(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), eq(intakeDayStatuses.localDate, localDate)))
    .returning({ localDate: intakeDayStatuses.localDate });
  return rows.length > 0;
}

/** Which of these dates the user declared fasted. */
export async function fastedDatesAmong(db: DbOrTx, userId: string, localDates: string[]): Promise<string[]> {
  if (localDates.length === 0) return [];
  const rows = await db
    .select({ localDate: intakeDayStatuses.localDate })
    .from(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), eq(intakeDayStatuses.status, "fasted"), inArray(intakeDayStatuses.localDate, localDates)));
  return rows.map((r) => r.localDate);
}

export async function dayEntryCounts(db: DbOrTx, userId: string, localDate: string): Promise<{ entries: number; withEnergy: number }> {
  const [row] = await db
    .select({
      entries: sql<number>`count(*)::int`,
      withEnergy: sql<number>`(count(*) filter (where ${gt(intakeEntries.energyKcal, 0)}))::int`,
    })
    .from(intakeEntries)
    .where(and(eq(intakeEntries.userId, userId), eq(intakeEntries.localDate, localDate)));
  return row ?? { entries: 0, withEnergy: 0 };
}

/**
 * Totals of the most recent logged days in [sinceDate, beforeDate), oldest first. Days declared partial or
 * fasted are left out: they would drag the median that flags suspiciously low days.
 */
export async function recentLoggedIntakesKcal(
  db: DbOrTx,
  userId: string,
  q: { sinceDate: string; beforeDate: string; days: number },
): Promise<number[]> {
  const rows = await db.execute<{ kcal: number }>(sql`
    select sum(e.energy_kcal)::float8 as kcal
    from ${intakeEntries} e
    left join ${intakeDayStatuses} s on s.user_id = e.user_id and s.local_date = e.local_date
    where e.user_id = ${userId} and e.local_date >= ${q.sinceDate} and e.local_date < ${q.beforeDate}
      and (s.status is null or s.status = 'complete')
    group by e.local_date
    order by e.local_date desc
    limit ${q.days}`);
  return [...rows].map((r) => Number(r.kcal)).reverse();
}
