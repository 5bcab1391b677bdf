import type postgres from "postgres";
import type { Sql } from "../../db/client.js";
import { type ActivityRecord, recordTier } from "../../domain/activities/activity-grouping.js";

// Raw SQL in one caller-owned transaction: the grouping of a user's workouts is read, decided and written under
// one advisory lock, so two imports finishing at once regroup one after the other and end in the same rows.

export type Tx = postgres.TransactionSql;

export interface StoredActivity extends ActivityRecord {
  duplicateOf: string | null;
  duplicateReason: string | null;
  localDate: string;
}

interface ActivityRow {
  id: string;
  activityType: string;
  startMs: number;
  endMs: number;
  sourceId: number;
  importId: string | null;
  sourcePriority: number | null;
  deviceType: string;
  sourceName: string;
  format: string | null;
  hrSampleCount: number;
  hasDeviceEnergy: boolean;
  hasDistance: boolean;
  duplicateOf: string | null;
  duplicateReason: string | null;
  localDate: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Serialises every regrouping of one user's workouts until the transaction ends. */
export async function lockUserGrouping(tx: Tx, userId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`workout-groups:${userId}`}, 0))`;
}

async function activitiesBetween(tx: Tx, userId: string, window: { fromMs: number; toMs: number } | null): Promise<ActivityRow[]> {
  const bounds = window ? tx`and w.start_at <= ${iso(window.toMs)}::timestamptz and w.end_at >= ${iso(window.fromMs)}::timestamptz` : tx``;
  return tx<ActivityRow[]>`
    select w.id, w.activity_type as "activityType", round(date_part('epoch', w.start_at) * 1000)::float8 as "startMs",
           round(date_part('epoch', w.end_at) * 1000)::float8 as "endMs", w.source_id as "sourceId", w.import_id as "importId",
           s.priority as "sourcePriority", s.device_type as "deviceType", s.name as "sourceName", coalesce(w.record_format, i.format) as format,
           w.hr_sample_count as "hrSampleCount", (w.active_energy_kcal is not null) as "hasDeviceEnergy",
           (w.distance_m is not null) as "hasDistance", w.duplicate_of as "duplicateOf",
           w.duplicate_reason as "duplicateReason", w.local_date::text as "localDate"
    from workouts w join sources s on s.id = w.source_id left join imports i on i.id = w.import_id
    where w.user_id = ${userId} ${bounds}`;
}

/**
 * The user's workouts overlapping the window, widened until no workout outside overlaps one inside: every
 * chain of overlapping workouts the window touches is read whole (null reads them all).
 */
export async function loadOverlapClosure(tx: Tx, userId: string, window: { fromMs: number; toMs: number } | null): Promise<StoredActivity[]> {
  let current = window;
  for (;;) {
    const rows = await activitiesBetween(tx, userId, current);
    if (current === null || rows.length === 0) return rows.map(toStored);
    const fromMs = rows.reduce((min, r) => Math.min(min, r.startMs), current.fromMs);
    const toMs = rows.reduce((max, r) => Math.max(max, r.endMs), current.toMs);
    if (fromMs === current.fromMs && toMs === current.toMs) return rows.map(toStored);
    current = { fromMs, toMs };
  }
}

function toStored(row: ActivityRow): StoredActivity {
  return {
    id: row.id,
    activityType: row.activityType,
    startMs: row.startMs,
    endMs: row.endMs,
    sourceId: row.sourceId,
    importId: row.importId,
    sourcePriority: row.sourcePriority,
    tier: recordTier({ format: row.format, deviceType: row.deviceType, sourceName: row.sourceName }),
    hrSampleCount: row.hrSampleCount,
    hasDeviceEnergy: row.hasDeviceEnergy,
    hasDistance: row.hasDistance,
    duplicateOf: row.duplicateOf,
    duplicateReason: row.duplicateReason,
    localDate: row.localDate,
  };
}

export interface GroupingUpdate {
  id: string;
  duplicateOf: string | null;
  duplicateReason: string | null;
}

/** Writes the new grouping of the rows that changed, in one statement. */
export async function saveGrouping(tx: Tx, userId: string, updates: readonly GroupingUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await tx`
    update workouts w set duplicate_of = v.duplicate_of, duplicate_reason = v.duplicate_reason
    from unnest(${tx.array(updates.map((u) => u.id))}::text[], ${tx.array(updates.map((u) => u.duplicateOf ?? ""))}::text[],
                ${tx.array(updates.map((u) => u.duplicateReason ?? ""))}::text[]) as v0(id, dup, reason),
         lateral (select nullif(v0.dup, '') as duplicate_of, nullif(v0.reason, '') as duplicate_reason) v
    where w.id = v0.id and w.user_id = ${userId}`;
}

/** Time spans of the user's workouts among `ids` (their hull is what a regroup after a write must cover). */
export async function workoutSpans(tx: Tx, userId: string, ids: readonly string[]): Promise<{ startMs: number; endMs: number }[]> {
  if (ids.length === 0) return [];
  return tx<{ startMs: number; endMs: number }[]>`
    select round(date_part('epoch', start_at) * 1000)::float8 as "startMs", round(date_part('epoch', end_at) * 1000)::float8 as "endMs"
    from workouts where user_id = ${userId} and id = any(${tx.array([...ids])}::text[])`;
}

export interface DeletedWorkout {
  id: string;
  startMs: number;
  endMs: number;
  localDate: string;
}

/** Deletes one of the user's workouts, or every workout an import first wrote; streams and HIIT rows cascade. */
export async function deleteWorkouts(tx: Tx, userId: string, which: { id: string } | { importId: string }): Promise<DeletedWorkout[]> {
  const match = "id" in which ? tx`id = ${which.id}` : tx`import_id = ${which.importId}`;
  return tx<DeletedWorkout[]>`
    delete from workouts where user_id = ${userId} and ${match}
    returning id, round(date_part('epoch', start_at) * 1000)::float8 as "startMs",
              round(date_part('epoch', end_at) * 1000)::float8 as "endMs", local_date::text as "localDate"`;
}

/** Users with at least one workout, after `afterUserId` in id order, a page at a time. */
export async function usersWithWorkouts(sql: Sql, afterUserId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ userId: string }[]>`
    select distinct user_id as "userId" from workouts where user_id > ${afterUserId} order by user_id limit ${limit}`;
  return rows.map((r) => r.userId);
}
