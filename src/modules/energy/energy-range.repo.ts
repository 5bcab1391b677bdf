import { sql as dsql, type SQL } from "drizzle-orm";
import type { DbOrTx, Sql } from "../../db/client.js";
import { dailyEnergy } from "../../db/schema/index.js";
import type { DaySampleRow, DayWorkoutRow } from "./energy.repo.js";

// Range reads for recomputeDays: one query per table for a chunk of days. Epoch ms come from date_part (float8;
// extract() is numeric since PostgreSQL 14 and ~3x dearer per row), rounded as extract(...)::bigint was.

export interface RangeSampleRow extends DaySampleRow {
  localDate: string;
}

export interface SourceInfo {
  id: number;
  deviceType: string;
  name: string;
  priority: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function userSources(sql: Sql, userId: string): Promise<SourceInfo[]> {
  return sql<SourceInfo[]>`select id, device_type as "deviceType", name, priority from sources where user_id = ${userId}`;
}

/** Raw sample rows of [startMs, endMs) (no join: the few sources are attached with sourcesOf afterwards). */
export async function rangeSamples(sql: Sql, userId: string, startMs: number, endMs: number): Promise<Omit<RangeSampleRow, "deviceType" | "sourceName" | "priority">[]> {
  return sql<Omit<RangeSampleRow, "deviceType" | "sourceName" | "priority">[]>`
    select s.type::text as type, s.source_id as "sourceId", round(date_part('epoch', s.start_at) * 1000) as "startMs",
           round(date_part('epoch', s.end_at) * 1000) as "endMs", s.value, s.local_date::text as "localDate"
    from samples s
    where s.user_id = ${userId}
      and s.type in ('basal_energy', 'active_energy', 'steps', 'heart_rate')
      and s.start_at < ${iso(endMs)}::timestamptz
      and s.end_at >= ${iso(startMs)}::timestamptz
      and s.local_date between (${iso(startMs)}::timestamptz at time zone 'UTC')::date - 2
                           and (${iso(endMs)}::timestamptz at time zone 'UTC')::date + 1`;
}

/** Workouts overlapping [startMs, endMs), oldest first. */
export async function rangeWorkouts(sql: Sql, userId: string, startMs: number, endMs: number): Promise<DayWorkoutRow[]> {
  return sql<DayWorkoutRow[]>`
    select w.id, w.activity_type as "activityType", round(date_part('epoch', w.start_at) * 1000) as "startMs",
           round(date_part('epoch', w.end_at) * 1000) as "endMs", w.duration_s as "durationS",
           w.active_energy_kcal as "activeEnergyKcal", w.avg_hr_bpm as "avgHrBpm", src.name as "sourceName",
           src.device_type as "deviceType", i.format, w.duplicate_of as "duplicateOf", w.duplicate_reason as "duplicateReason"
    from workouts w join sources src on src.id = w.source_id left join imports i on i.id = w.import_id
    where w.user_id = ${userId} and w.start_at < ${iso(endMs)}::timestamptz and w.end_at > ${iso(startMs)}::timestamptz
    order by w.start_at`;
}

/** The latest measured weight at or before startMs, then every one up to endMs, oldest first. */
export async function weightsThrough(sql: Sql, userId: string, startMs: number, endMs: number): Promise<{ atMs: number; weightKg: number }[]> {
  return sql<{ atMs: number; weightKg: number }[]>`
    select * from (
      (select round(date_part('epoch', measured_at) * 1000) as "atMs", weight_kg as "weightKg" from body_measurements
       where user_id = ${userId} and weight_kg is not null and measured_at <= ${iso(startMs)}::timestamptz
       order by measured_at desc limit 1)
      union all
      select round(date_part('epoch', measured_at) * 1000), weight_kg from body_measurements
      where user_id = ${userId} and weight_kg is not null and measured_at > ${iso(startMs)}::timestamptz
        and measured_at <= ${iso(endMs)}::timestamptz
    ) w order by "atMs"`;
}

const UPDATE_COLUMNS = [
  "basalKcal", "activeKcal", "burnedKcal", "intakeKcal", "deficitKcal", "steps", "status", "coverageHours",
  "dayLengthHours", "intakeStatus", "basalMethod", "activeMethod", "breakdown", "hiitSessions", "computedAt",
] as const;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const EXCLUDED = Object.fromEntries(UPDATE_COLUMNS.map((k) => [k, dsql.raw(`excluded.${snake(k)}`)])) as Record<(typeof UPDATE_COLUMNS)[number], SQL>;

/** One multi-row upsert (one statement, one commit) for a chunk of days. */
export async function upsertDailyEnergyRows(db: DbOrTx, rows: (typeof dailyEnergy.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(dailyEnergy).values(rows).onConflictDoUpdate({ target: [dailyEnergy.userId, dailyEnergy.localDate], set: EXCLUDED });
}
