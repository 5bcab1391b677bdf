import type postgres from "postgres";
import type { Sql } from "../../db/client.js";

/**
 * Rows first written by this import, per record type. Counting from the tables (not from the writes) keeps
 * the numbers identical whether the job ran once or was retried after a crash.
 */
export async function insertedByType(sql: Sql, userId: string, importId: string): Promise<Map<string, number>> {
  const rows = await sql<{ type: string; n: number }[]>`
    select type::text as type, count(*)::int as n from samples where user_id = ${userId} and import_id = ${importId} group by type
    union all
    select 'workout', count(*)::int from workouts where user_id = ${userId} and import_id = ${importId}
    union all
    select 'intake', count(*)::int from intake_entries where user_id = ${userId} and import_id = ${importId}`;
  return new Map(rows.map((r) => [r.type, r.n]));
}

export interface RemovedRows {
  /** Local dates the removed rows lay on: their own, and the user's zone dates of their start and end. */
  dates: string[];
  startMs: number | null;
  endMs: number | null;
}

/**
 * Deletes the samples, intake entries and body measurements this import wrote first (import_id is the first
 * writer; rows typed in or synced by the app since carry none). Workouts go separately, with their regrouping.
 */
export async function deleteOwnedRows(tx: postgres.TransactionSql, userId: string, importId: string, timeZone: string): Promise<RemovedRows> {
  const [row] = await tx<{ dates: string[]; startMs: number | null; endMs: number | null }[]>`
    with s as (delete from samples where user_id = ${userId} and import_id = ${importId} returning local_date, start_at, end_at),
         i as (delete from intake_entries where user_id = ${userId} and import_id = ${importId}
               returning local_date, consumed_at as start_at, consumed_at as end_at),
         b as (delete from body_measurements where user_id = ${userId} and import_id = ${importId}
               returning local_date, measured_at as start_at, measured_at as end_at),
         d as (select * from s union all select * from i union all select * from b)
    select array(select distinct x::text from d, unnest(array[
             d.local_date, (d.start_at at time zone ${timeZone})::date,
             (greatest(d.start_at, d.end_at - interval '1 millisecond') at time zone ${timeZone})::date]) as x) as dates,
           round(date_part('epoch', min(start_at)) * 1000)::float8 as "startMs", round(date_part('epoch', max(end_at)) * 1000)::float8 as "endMs"
    from d`;
  return row ?? { dates: [], startMs: null, endMs: null };
}

/**
 * Queues a new run of every other finished or running import of the user whose data span meets `span` (or is
 * unknown) and that reads the same kind of file: the rows the removed import wrote first and they also hold come
 * back, owned by them. Inside the removal's transaction, so a crash cannot lose the re-runs: the reconciler
 * enqueues queued imports it finds idle.
 */
export async function markOverlappingForRerun(
  tx: postgres.TransactionSql,
  q: { userId: string; importId: string; span: { startMs: number; endMs: number }; foodLogFormats: readonly string[]; foodLog: boolean; at: Date },
): Promise<{ id: string; runs: number }[]> {
  const sameKind = q.foodLog
    ? tx`format = any(${tx.array([...q.foodLogFormats])}::text[])`
    : tx`format <> all(${tx.array([...q.foodLogFormats])}::text[])`;
  return tx<{ id: string; runs: number }[]>`
    update imports set status = 'queued', runs = runs + 1, updated_at = ${q.at.toISOString()}::timestamptz
    where user_id = ${q.userId} and id <> ${q.importId} and deleted_at is null and status in ('completed', 'processing')
      and ${sameKind}
      and (data_start_at is null or data_end_at is null
           or (data_start_at <= ${new Date(q.span.endMs).toISOString()}::timestamptz and data_end_at >= ${new Date(q.span.startMs).toISOString()}::timestamptz))
    returning id, runs`;
}

/** Keeps the removed rows' span on the import, so a retried removal still knows which days to recompute. */
export async function widenImportSpan(tx: postgres.TransactionSql, importId: string, span: { startMs: number; endMs: number }): Promise<void> {
  await tx`
    update imports set data_start_at = least(coalesce(data_start_at, ${new Date(span.startMs).toISOString()}::timestamptz), ${new Date(span.startMs).toISOString()}::timestamptz),
                       data_end_at = greatest(coalesce(data_end_at, ${new Date(span.endMs).toISOString()}::timestamptz), ${new Date(span.endMs).toISOString()}::timestamptz)
    where id = ${importId}`;
}
