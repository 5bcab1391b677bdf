import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";

// The dirty-days outbox (src/db/schema/dirty-days.ts): the durable half of every day recompute request. Redis holds
// the jobs that do the work; this table holds the fact that the work is owed, so losing Redis loses no day.

/** A day's row as a recompute saw it when it started: only this exact version may be cleared when it is done. */
export interface DirtySnapshot {
  userId: string;
  versions: Map<string, number>;
}

/** After this many re-queues by the reconciler a day stops being retried (its recompute keeps failing) and stops counting as pending. */
export const MAX_DIRTY_SWEEPS = 20;

/**
 * Records that these local days must be recomputed: one statement for any number of days; a day already dirty
 * takes a new version (a recompute that started before this write will not clear it). Call it in the transaction
 * that writes the raw rows when there is one.
 */
export async function markDaysDirty(db: DbOrTx, userId: string, localDates: Iterable<string>): Promise<void> {
  const dates = [...new Set(localDates)].sort();
  if (dates.length === 0) return;
  await db.execute(sql`
    insert into dirty_days (user_id, local_date)
    select ${userId}, d::date from unnest(${toPgArray(dates)}::text[]) as d
    on conflict (user_id, local_date) do update
      set version = excluded.version, marked_at = excluded.marked_at, sweeps = 0, swept_at = null`);
}

/** The versions of the user's dirty days in [from, to], read before a recompute reads any raw row. */
export async function snapshotDirtyDays(db: DbOrTx, userId: string, from: string, to: string): Promise<DirtySnapshot> {
  const rows = await db.execute<{ local_date: string; version: string }>(sql`
    select local_date::text as local_date, version::text as version from dirty_days
    where user_id = ${userId} and local_date between ${from}::date and ${to}::date`);
  return { userId, versions: new Map(rows.map((r) => [r.local_date, Number(r.version)])) };
}

/** Clears the days a finished recompute saw, each only if no write marked it again since (its version is unchanged). */
export async function clearDirtyDays(db: DbOrTx, snapshot: DirtySnapshot): Promise<number> {
  if (snapshot.versions.size === 0) return 0;
  const dates = [...snapshot.versions.keys()];
  const versions = dates.map((d) => String(snapshot.versions.get(d)));
  const rows = await db.execute(sql`
    delete from dirty_days t
    using unnest(${toPgArray(dates)}::text[], ${toPgArray(versions)}::text[]) as s(local_date, version)
    where t.user_id = ${snapshot.userId} and t.local_date = s.local_date::date and t.version = s.version::bigint
    returning 1`);
  return rows.length;
}

/** True while some day of this user still waits for its recompute (the API's `pending` for days). */
export async function hasDirtyDays(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from dirty_days where user_id = ${userId} and sweeps < ${MAX_DIRTY_SWEEPS} limit 1`);
  return rows.length > 0;
}

/**
 * Claims up to `limit` dirty days marked at least `graceMs` ago and not swept within it (their job should have
 * run by then), counting the sweep; grouped by user for re-queueing.
 */
export async function claimOverdueDirtyDays(db: DbOrTx, graceMs: number, limit: number): Promise<Map<string, string[]>> {
  const rows = await db.execute<{ user_id: string; local_date: string }>(sql`
    update dirty_days t set sweeps = t.sweeps + 1, swept_at = now()
    from (
      select user_id, local_date from dirty_days
      where sweeps < ${MAX_DIRTY_SWEEPS}
        and marked_at < now() - make_interval(secs => ${graceMs / 1000})
        and (swept_at is null or swept_at < now() - make_interval(secs => ${graceMs / 1000}))
      order by marked_at
      limit ${limit}
      for update skip locked
    ) due
    where t.user_id = due.user_id and t.local_date = due.local_date
    returning t.user_id, t.local_date::text as local_date`);
  const byUser = new Map<string, string[]>();
  for (const r of rows) {
    const dates = byUser.get(r.user_id);
    if (dates) dates.push(r.local_date);
    else byUser.set(r.user_id, [r.local_date]);
  }
  return byUser;
}

/** A Postgres array literal of plain strings (dates, integers): one parameter whatever the count. */
function toPgArray(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}
