import { and, asc, between, sql as dsql, eq, getTableColumns } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { dailyEnergy } from "../../db/schema/index.js";
import { SLEEP_STAGE_TYPES } from "../../lib/vocabulary.js";

// The breakdown is large JSON that only the one-day view shows; lists leave it in the database.
const { breakdown: _breakdown, ...DAY_COLUMNS } = getTableColumns(dailyEnergy);

export type DaySummaryRow = Omit<typeof dailyEnergy.$inferSelect, "breakdown">;

/**
 * What a list of days is built from, as one text that changes whenever any of it does: the days' rows, the weekly
 * rows calibrating them, the sleep stage samples and the sources ranking them (sleep is computed at read time), the
 * dirty-days outbox (`pending`), and the user's zone (today). `xmin` is the id of the transaction that last wrote a
 * row, so a rewrite changes the sum even when a fixed clock leaves `computed_at` alone.
 */
export async function daysAnswerVersion(
  db: DbOrTx,
  userId: string,
  range: { from: string; to: string; fromWeek: string; toWeek: string; sleepFrom: string; sleepTo: string; maxSweeps: number },
): Promise<{ version: string; timeZone: string | null }> {
  const sleepTypes = dsql.join(
    SLEEP_STAGE_TYPES.map((type) => dsql`${type}`),
    dsql`, `,
  );
  const rows = await db.execute<{ days: string; weeks: string; sleep: string; sources: string; pending: boolean; time_zone: string | null }>(dsql`
    select
      (select count(*) || '.' || coalesce(sum(xmin::text::bigint), 0) from daily_energy
        where user_id = ${userId} and local_date between ${range.from} and ${range.to}) as days,
      (select count(*) || '.' || coalesce(sum(xmin::text::bigint), 0) from weekly_projections
        where user_id = ${userId} and model = 'dynamic' and week_start between ${range.fromWeek} and ${range.toWeek}) as weeks,
      (select count(*) || '.' || coalesce(sum(xmin::text::bigint), 0) from samples
        where user_id = ${userId} and type in (${sleepTypes}) and local_date between ${range.sleepFrom} and ${range.sleepTo}) as sleep,
      (select count(*) || '.' || coalesce(sum(xmin::text::bigint), 0) from sources where user_id = ${userId}) as sources,
      exists (select 1 from dirty_days where user_id = ${userId} and sweeps < ${range.maxSweeps}) as pending,
      (select time_zone from users where id = ${userId}) as time_zone`);
  const row = rows[0];
  return { version: row ? `${row.days}|${row.weeks}|${row.sleep}|${row.sources}|${row.pending}` : "", timeZone: row?.time_zone ?? null };
}

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
