import type { Sql } from "../../db/client.js";
import type { HeartRateReading } from "../../domain/hiit/dense-heart-rate.js";
import type { StoredStream } from "../../domain/hiit/detector-input.js";
import { MS_PER_DAY } from "../../lib/calendar.js";
import { localDateAtOffset } from "../../lib/zone.js";

// Raw SQL (postgres.js) like the energy repo: these are read-only scans shaped for the detector. Every query is
// scoped by user_id; samples are narrowed by local_date first so the (user, type, local_date) index is used.

export interface DetectionWorkout {
  id: string;
  activityType: string;
  startMs: number;
  endMs: number;
  localDate: string;
  utcOffsetMin: number;
  hrSampleCount: number;
  /** Set when another record of the same activity counts: HIIT is detected on that one only. */
  duplicateOf: string | null;
}

export interface WorkoutWindow {
  id: string;
  startMs: number;
  endMs: number;
  hrSampleCount: number;
}

interface TimedRow {
  startMs: number;
  endMs: number;
}

/** Instants go in as ISO text cast to timestamptz and come out as epoch ms (drizzle replaces the Date parsers). */
const iso = (ms: number): string => new Date(ms).toISOString();

/** Local dates that can hold instants of [fromMs, toMs] at any UTC offset (±14 h). */
function dateBounds(fromMs: number, toMs: number): [string, string] {
  return [localDateAtOffset(fromMs - MS_PER_DAY, 0), localDateAtOffset(toMs + MS_PER_DAY, 0)];
}

export async function findDetectionWorkout(sql: Sql, userId: string, workoutId: string): Promise<DetectionWorkout | undefined> {
  const [row] = await sql<DetectionWorkout[]>`
    select id, activity_type as "activityType", local_date::text as "localDate", utc_offset_min as "utcOffsetMin",
           hr_sample_count as "hrSampleCount", (extract(epoch from start_at) * 1000)::float8 as "startMs",
           (extract(epoch from end_at) * 1000)::float8 as "endMs", duplicate_of as "duplicateOf"
    from workouts where user_id = ${userId} and id = ${workoutId}`;
  return row;
}

export async function findWorkoutStreams(sql: Sql, workoutId: string): Promise<Map<string, StoredStream>> {
  const rows = await sql<{ kind: string; offsetsMs: number[]; values: number[] }[]>`
    select kind, offsets_ms as "offsetsMs", values from workout_streams where workout_id = ${workoutId}`;
  return new Map(rows.map((r) => [r.kind, { offsetsMs: r.offsetsMs, values: r.values }]));
}

export async function heartRateReadingsBetween(sql: Sql, userId: string, fromMs: number, toMs: number): Promise<HeartRateReading[]> {
  const [fromDate, toDate] = dateBounds(fromMs, toMs);
  const rows = await sql<{ startMs: number; bpm: number; sourceId: number; utcOffsetMin: number }[]>`
    select (extract(epoch from start_at) * 1000)::float8 as "startMs", value as bpm, source_id as "sourceId",
           utc_offset_min as "utcOffsetMin"
    from samples
    where user_id = ${userId} and type = 'heart_rate' and local_date between ${fromDate} and ${toDate}
      and start_at between ${iso(fromMs)}::timestamptz and ${iso(toMs)}::timestamptz
    order by start_at`;
  return rows.map((r) => ({ tMs: r.startMs, bpm: r.bpm, sourceId: r.sourceId, utcOffsetMin: r.utcOffsetMin }));
}

export async function heartRateReadingsOn(sql: Sql, userId: string, localDate: string): Promise<HeartRateReading[]> {
  const rows = await sql<{ startMs: number; bpm: number; sourceId: number; utcOffsetMin: number }[]>`
    select (extract(epoch from start_at) * 1000)::float8 as "startMs", value as bpm, source_id as "sourceId",
           utc_offset_min as "utcOffsetMin"
    from samples
    where user_id = ${userId} and type = 'heart_rate' and local_date = ${localDate}
    order by start_at`;
  return rows.map((r) => ({ tMs: r.startMs, bpm: r.bpm, sourceId: r.sourceId, utcOffsetMin: r.utcOffsetMin }));
}

export async function workoutWindowsOverlapping(sql: Sql, userId: string, fromMs: number, toMs: number): Promise<WorkoutWindow[]> {
  return sql<(TimedRow & { id: string; hrSampleCount: number })[]>`
    select id, hr_sample_count as "hrSampleCount", (extract(epoch from start_at) * 1000)::float8 as "startMs",
           (extract(epoch from end_at) * 1000)::float8 as "endMs"
    from workouts
    where user_id = ${userId} and start_at <= ${iso(toMs)}::timestamptz and end_at >= ${iso(fromMs)}::timestamptz
    order by start_at`;
}

/** Workouts with a heart-rate stream whose raw maximum exceeds `aboveBpm`, highest first (an upper bound on the smoothed one). */
export async function streamMaxCandidates(
  sql: Sql,
  userId: string,
  fromMs: number,
  toMs: number,
  aboveBpm: number,
): Promise<{ id: string; startMs: number; maxHrBpm: number }[]> {
  return sql<{ id: string; startMs: number; maxHrBpm: number }[]>`
    select id, (extract(epoch from start_at) * 1000)::float8 as "startMs", max_hr_bpm as "maxHrBpm"
    from workouts
    where user_id = ${userId} and hr_sample_count > 0 and max_hr_bpm > ${aboveBpm}
      and start_at <= ${iso(toMs)}::timestamptz and end_at >= ${iso(fromMs)}::timestamptz
    order by max_hr_bpm desc`;
}

/** Local dates whose stored heart-rate samples in [fromMs, toMs] exceed `aboveBpm`, highest maximum first. */
export async function sampleMaxDates(
  sql: Sql,
  userId: string,
  fromMs: number,
  toMs: number,
  aboveBpm: number,
): Promise<{ localDate: string; maxBpm: number }[]> {
  const [fromDate, toDate] = dateBounds(fromMs, toMs);
  return sql<{ localDate: string; maxBpm: number }[]>`
    select local_date::text as "localDate", max(value) as "maxBpm"
    from samples
    where user_id = ${userId} and type = 'heart_rate' and local_date between ${fromDate} and ${toDate}
      and start_at between ${iso(fromMs)}::timestamptz and ${iso(toMs)}::timestamptz and value > ${aboveBpm}
    group by local_date order by 2 desc`;
}

/** Power or speed streams of workouts at least `minDurationS` long in the window (optionally running only). */
export async function longStreams(
  sql: Sql,
  userId: string,
  q: { kind: "power" | "speed"; fromMs: number; toMs: number; minDurationS: number; runningOnly: boolean },
): Promise<(StoredStream & { startMs: number })[]> {
  return sql<(StoredStream & { startMs: number })[]>`
    select (extract(epoch from w.start_at) * 1000)::float8 as "startMs", s.offsets_ms as "offsetsMs", s.values
    from workouts w join workout_streams s on s.workout_id = w.id and s.kind = ${q.kind}
    where w.user_id = ${userId} and w.duration_s >= ${q.minDurationS}
      and w.start_at <= ${iso(q.toMs)}::timestamptz and w.end_at >= ${iso(q.fromMs)}::timestamptz
      and (${!q.runningOnly}::boolean or w.activity_type like '%run%')`;
}

/** The user's workouts (optionally among `ids`) that carry their own heart-rate stream. */
export async function workoutIdsWithHeartRate(sql: Sql, userId: string, ids?: readonly string[]): Promise<string[]> {
  if (ids !== undefined && ids.length === 0) return [];
  const rows = ids
    ? await sql<{ id: string }[]>`
        select id from workouts where user_id = ${userId} and hr_sample_count > 0 and id = any(${sql.array([...ids])}::text[])`
    : await sql<{ id: string }[]>`select id from workouts where user_id = ${userId} and hr_sample_count > 0`;
  return rows.map((r) => r.id);
}

/** Every local date with stored heart-rate samples (index-only on (user, type, local_date)). */
export async function heartRateDates(sql: Sql, userId: string): Promise<string[]> {
  const rows = await sql<{ localDate: string }[]>`
    select distinct local_date::text as "localDate" from samples where user_id = ${userId} and type = 'heart_rate'`;
  return rows.map((r) => r.localDate);
}
