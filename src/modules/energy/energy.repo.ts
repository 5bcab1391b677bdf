import { and, asc, between, sql as dsql, eq, getTableColumns } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { dailyEnergy } from "../../db/schema/index.js";

// The breakdown is large JSON that only the one-day view shows; lists leave it in the database.
const { breakdown: _breakdown, ...DAY_COLUMNS } = getTableColumns(dailyEnergy);

export type DaySummaryRow = Omit<typeof dailyEnergy.$inferSelect, "breakdown">;

export async function listDailyEnergy(db: DbOrTx, userId: string, from: string, to: string): Promise<DaySummaryRow[]> {
  return db
    .select(DAY_COLUMNS)
    .from(dailyEnergy)
    .where(and(eq(dailyEnergy.userId, userId), between(dailyEnergy.localDate, from, to)))
    .orderBy(asc(dailyEnergy.localDate));
}

/** The first and last local dates the user has a computed day for; null when there is none. */
export async function dailyEnergyBounds(db: DbOrTx, userId: string): Promise<{ first: string; last: string } | null> {
  const [row] = await db
    .select({ first: dsql<string | null>`min(${dailyEnergy.localDate})::text`, last: dsql<string | null>`max(${dailyEnergy.localDate})::text` })
    .from(dailyEnergy)
    .where(eq(dailyEnergy.userId, userId));
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

export async function findDailyEnergy(db: DbOrTx, userId: string, localDate: string) {
  const [row] = await db
    .select()
    .from(dailyEnergy)
    .where(and(eq(dailyEnergy.userId, userId), eq(dailyEnergy.localDate, localDate)))
    .limit(1);
  return row;
}

/**
 * Dates computed from the profile (formula BMR or own activity estimates) rather than device energy alone; with
 * `all`, every computed date.
 */
export async function estimatedDates(db: DbOrTx, userId: string, all = false): Promise<string[]> {
  const rows = await db
    .select({ localDate: dailyEnergy.localDate })
    .from(dailyEnergy)
    .where(
      all
        ? eq(dailyEnergy.userId, userId)
        : and(
            eq(dailyEnergy.userId, userId),
            dsql`(${dailyEnergy.basalMethod} <> 'device' or ${dailyEnergy.activeMethod} not in ('device', 'none'))`,
          ),
    );
  return rows.map((r) => r.localDate);
}
