import { and, between, sql as dsql, eq, type SQL } from "drizzle-orm";
import type { DbOrTx, Sql } from "../../db/client.js";
import { dailyEnergy, dayConfirmations } from "../../db/schema/index.js";
import type { DaySampleRow, DayWorkoutRow } from "../../domain/days/day-records.js";

// Range reads for recomputeDays: one query per table for a chunk of days. Epoch ms come from date_part (float8;
// extract() is numeric since PostgreSQL 14 and ~3x dearer per row), rounded as extract(...)::bigint was.

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

export type RawSampleRow = Omit<DaySampleRow, "deviceType" | "sourceName" | "priority">;

/**
 * Raw sample rows overlapping the instants [startMs, endMs) whose start date at their own offset lies in
 * [fromDate, toDate] (no join: the few sources are attached afterwards). The date filter uses the
 * (user, type, local_date) index.
 */
export async function rangeSamples(sql: Sql, userId: string, span: ReadSpan): Promise<RawSampleRow[]> {
  return sql<RawSampleRow[]>`
    select s.type::text as type, s.source_id as "sourceId", round(date_part('epoch', s.start_at) * 1000) as "startMs",
           round(date_part('epoch', s.end_at) * 1000) as "endMs", s.value, s.utc_offset_min as "utcOffsetMin"
    from samples s
    where s.user_id = ${userId}
      and s.type in ('basal_energy', 'active_energy', 'steps', 'heart_rate')
      and s.start_at < ${iso(span.endMs)}::timestamptz
      and s.end_at >= ${iso(span.startMs)}::timestamptz
      and s.local_date between ${span.fromDate}::date and ${span.toDate}::date`;
}

/** What a chunk reads: every instant any of its local dates can hold (UTC−12 to UTC+14), and the start dates around. */
export interface ReadSpan {
  startMs: number;
  endMs: number;
  fromDate: string;
  toDate: string;
}

/** Workouts overlapping [startMs, endMs), oldest first. */
export async function rangeWorkouts(sql: Sql, userId: string, span: ReadSpan): Promise<DayWorkoutRow[]> {
  return sql<DayWorkoutRow[]>`
    select w.id, w.activity_type as "activityType", round(date_part('epoch', w.start_at) * 1000) as "startMs",
           round(date_part('epoch', w.end_at) * 1000) as "endMs", w.duration_s as "durationS",
           w.active_energy_kcal as "activeEnergyKcal", w.energy_basis as "energyBasis", w.avg_hr_bpm as "avgHrBpm", src.name as "sourceName",
           src.device_type as "deviceType", coalesce(w.record_format, i.format) as format, w.duplicate_of as "duplicateOf", w.duplicate_reason as "duplicateReason",
           w.utc_offset_min as "utcOffsetMin", w.local_date::text as "localDate",
           (select json_agg(json_build_object('metClass', ws.met_class, 'reps', ws.reps, 'durationS', ws.duration_s,
                                              'startOffsetS', ws.start_offset_s) order by ws.set_index)
            from workout_sets ws where ws.workout_id = w.id) as "strengthSets"
    from workouts w join sources src on src.id = w.source_id left join imports i on i.id = w.import_id
    where w.user_id = ${userId} and w.start_at < ${iso(span.endMs)}::timestamptz and w.end_at >= ${iso(span.startMs)}::timestamptz
    order by w.start_at`;
}

/** The flags confirmed per local date in [from, to]. */
export async function confirmedFlagsBetween(db: DbOrTx, userId: string, from: string, to: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ localDate: dayConfirmations.localDate, flags: dayConfirmations.flags })
    .from(dayConfirmations)
    .where(and(eq(dayConfirmations.userId, userId), between(dayConfirmations.localDate, from, to)));
  return new Map(rows.map((r) => [r.localDate, r.flags]));
}

/** The latest weight measured at or before startMs, then every one up to endMs, oldest first; outliers left out. */
export async function weightsThrough(sql: Sql, userId: string, startMs: number, endMs: number): Promise<{ atMs: number; weightKg: number }[]> {
  return sql<{ atMs: number; weightKg: number }[]>`
    select * from (
      (select round(date_part('epoch', measured_at) * 1000) as "atMs", weight_kg as "weightKg" from body_measurements
       where user_id = ${userId} and weight_kg is not null and not outlier and measured_at <= ${iso(startMs)}::timestamptz
       order by measured_at desc limit 1)
      union all
      select round(date_part('epoch', measured_at) * 1000), weight_kg from body_measurements
      where user_id = ${userId} and weight_kg is not null and not outlier and measured_at > ${iso(startMs)}::timestamptz
        and measured_at <= ${iso(endMs)}::timestamptz
    ) w order by "atMs"`;
}

const UPDATE_COLUMNS = [
  "basalKcal",
  "activeKcal",
  "burnedKcal",
  "burnedLowKcal",
  "burnedHighKcal",
  "intakeKcal",
  "deficitKcal",
  "steps",
  "status",
  "coverageHours",
  "dayLengthHours",
  "intakeStatus",
  "basalMethod",
  "activeMethod",
  "breakdown",
  "hiitSessions",
  "flags",
  "flagsConfirmed",
  "computedAt",
] as const;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const EXCLUDED = Object.fromEntries(UPDATE_COLUMNS.map((k) => [k, dsql.raw(`excluded.${snake(k)}`)])) as Record<(typeof UPDATE_COLUMNS)[number], SQL>;

/** One multi-row upsert (one statement, one commit) for a chunk of days. */
export async function upsertDailyEnergyRows(db: DbOrTx, rows: (typeof dailyEnergy.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(dailyEnergy)
    .values(rows)
    .onConflictDoUpdate({ target: [dailyEnergy.userId, dailyEnergy.localDate], set: EXCLUDED });
}
