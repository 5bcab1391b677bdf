import type { Sql } from "../../src/db/client.js";
import type { LocalDayWindow } from "../../src/lib/local-day.js";
import type { DaySampleRow, DayWorkoutRow } from "../../src/modules/energy/energy.repo.js";
import { type IntakeRange, readIntakeRange } from "./intake-range.js";

// Prototype of the batched reads proposed for a range recompute: one query per table for the whole range instead
// of one per day. Same filters as energy.repo.ts, plus local_date so rows can be bucketed exactly per day.

export interface RangeSampleRow extends DaySampleRow {
  localDate: string;
}

export interface RangeReads {
  samples: RangeSampleRow[];
  workouts: DayWorkoutRow[];
  intake: IntakeRange;
  weights: { atMs: number; weightKg: number }[];
  hiit: Map<string, number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface SourceInfo {
  id: number;
  deviceType: string;
  name: string;
  priority: number | null;
}

/**
 * Samples carry only source_id (the user's few sources are read once instead of joined onto every row) and epoch
 * ms from date_part (float8 arithmetic; extract() is numeric since PostgreSQL 14 and costs ~3× more per row).
 */
export async function rangeSamples(sql: Sql, userId: string, startMs: number, endMs: number, sources: readonly SourceInfo[]): Promise<RangeSampleRow[]> {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const rows = await sql<{ type: DaySampleRow["type"]; sourceId: number; startMs: number; endMs: number; value: number; localDate: string }[]>`
    select s.type::text as type, s.source_id as "sourceId", date_part('epoch', s.start_at) * 1000 as "startMs",
           date_part('epoch', s.end_at) * 1000 as "endMs", s.value, s.local_date::text as "localDate"
    from samples s
    where s.user_id = ${userId}
      and s.type in ('basal_energy', 'active_energy', 'steps', 'heart_rate')
      and s.start_at < ${iso(endMs)}::timestamptz
      and s.end_at >= ${iso(startMs)}::timestamptz
      and s.local_date between (${iso(startMs)}::timestamptz at time zone 'UTC')::date - 2
                           and (${iso(endMs)}::timestamptz at time zone 'UTC')::date + 1`;
  const out: RangeSampleRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r) continue;
    const src = byId.get(r.sourceId);
    out[i] = { type: r.type, sourceId: r.sourceId, deviceType: src?.deviceType ?? "app", sourceName: src?.name ?? "?", priority: src?.priority ?? null, startMs: r.startMs, endMs: r.endMs, value: r.value, localDate: r.localDate };
  }
  return out;
}

async function rangeWorkouts(sql: Sql, userId: string, startMs: number, endMs: number): Promise<DayWorkoutRow[]> {
  return sql<DayWorkoutRow[]>`
    select w.id, w.activity_type as "activityType", date_part('epoch', w.start_at) * 1000 as "startMs",
           date_part('epoch', w.end_at) * 1000 as "endMs", w.duration_s as "durationS",
           w.active_energy_kcal as "activeEnergyKcal", w.avg_hr_bpm as "avgHrBpm", src.name as "sourceName",
           src.device_type as "deviceType", i.format
    from workouts w join sources src on src.id = w.source_id left join imports i on i.id = w.import_id
    where w.user_id = ${userId} and w.start_at < ${iso(endMs)}::timestamptz and w.end_at > ${iso(startMs)}::timestamptz
    order by w.start_at`;
}

export async function userSources(sql: Sql, userId: string): Promise<SourceInfo[]> {
  return sql<SourceInfo[]>`select id, device_type as "deviceType", name, priority from sources where user_id = ${userId}`;
}

/** All reads for the windows (oldest first, contiguous) in six queries (plus sources, once), run concurrently. */
export async function readRange(sql: Sql, userId: string, windows: readonly LocalDayWindow[], sources: readonly SourceInfo[]): Promise<RangeReads> {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) throw new Error("readRange: no windows");
  const [samples, workouts, intake, weights, hiitRows] = await Promise.all([
    rangeSamples(sql, userId, first.startMs, last.endMs, sources),
    rangeWorkouts(sql, userId, first.startMs, last.endMs),
    readIntakeRange(sql, userId, first.localDate, last.localDate),
    // The latest weight before the range, then every weight inside it.
    sql<{ atMs: number; weightKg: number }[]>`
      select * from (
        (select date_part('epoch', measured_at) * 1000 as "atMs", weight_kg as "weightKg" from body_measurements
         where user_id = ${userId} and weight_kg is not null and measured_at <= ${iso(first.startMs)}::timestamptz
         order by measured_at desc limit 1)
        union all
        select date_part('epoch', measured_at) * 1000, weight_kg from body_measurements
        where user_id = ${userId} and weight_kg is not null and measured_at > ${iso(first.startMs)}::timestamptz
          and measured_at <= ${iso(last.endMs)}::timestamptz
      ) w order by "atMs"`,
    sql<{ localDate: string; n: number }[]>`
      select local_date::text as "localDate", count(*)::int as n from hiit_sessions
      where user_id = ${userId} and local_date between ${first.localDate} and ${last.localDate} group by local_date`,
  ]);
  return {
    samples,
    workouts,
    intake,
    weights,
    hiit: new Map(hiitRows.map((r) => [r.localDate, r.n])),
  };
}
