import type { Sql } from "../../src/db/client.js";
import type { DaySampleRow, DayWorkoutRow } from "../../src/modules/energy/energy.repo.js";

// The one-day reads recomputeDay used before days were recomputed by range: kept here, independent of the range
// code, as the reference the equality test holds the range recompute to.

/** Samples that overlap [startMs, endMs): a sample crossing midnight belongs partly to both days. */
export async function daySamples(sql: Sql, userId: string, startMs: number, endMs: number): Promise<DaySampleRow[]> {
  const rows = await sql<(Omit<DaySampleRow, "startMs" | "endMs"> & { startMs: string; endMs: string })[]>`
    select s.type::text as type, s.source_id as "sourceId", src.device_type as "deviceType", src.name as "sourceName",
           src.priority, (extract(epoch from s.start_at) * 1000)::bigint::text as "startMs",
           (extract(epoch from s.end_at) * 1000)::bigint::text as "endMs", s.value
    from samples s join sources src on src.id = s.source_id
    where s.user_id = ${userId}
      and s.type in ('basal_energy', 'active_energy', 'steps', 'heart_rate')
      and s.start_at < ${new Date(endMs).toISOString()}::timestamptz
      and s.end_at >= ${new Date(startMs).toISOString()}::timestamptz
      and s.local_date between (${new Date(startMs).toISOString()}::timestamptz at time zone 'UTC')::date - 2
                           and (${new Date(endMs).toISOString()}::timestamptz at time zone 'UTC')::date + 1`;
  return rows.map((r) => ({ ...r, startMs: Number(r.startMs), endMs: Number(r.endMs) }));
}

export async function dayWorkouts(sql: Sql, userId: string, startMs: number, endMs: number): Promise<DayWorkoutRow[]> {
  const rows = await sql<(Omit<DayWorkoutRow, "startMs" | "endMs"> & { startMs: string; endMs: string })[]>`
    select w.id, w.activity_type as "activityType", (extract(epoch from w.start_at) * 1000)::bigint::text as "startMs",
           (extract(epoch from w.end_at) * 1000)::bigint::text as "endMs", w.duration_s as "durationS",
           w.active_energy_kcal as "activeEnergyKcal", w.avg_hr_bpm as "avgHrBpm", src.name as "sourceName",
           src.device_type as "deviceType", i.format, w.duplicate_of as "duplicateOf", w.duplicate_reason as "duplicateReason"
    from workouts w join sources src on src.id = w.source_id left join imports i on i.id = w.import_id
    where w.user_id = ${userId}
      and w.start_at < ${new Date(endMs).toISOString()}::timestamptz
      and w.end_at > ${new Date(startMs).toISOString()}::timestamptz
    order by w.start_at`;
  return rows.map((r) => ({ ...r, startMs: Number(r.startMs), endMs: Number(r.endMs) }));
}

/** The latest measured weight at or before an instant, else null (the profile's weight is the fallback). */
export async function latestWeightKg(sql: Sql, userId: string, atMs: number): Promise<number | null> {
  const [row] = await sql<{ weightKg: number }[]>`
    select weight_kg as "weightKg" from body_measurements
    where user_id = ${userId} and weight_kg is not null and measured_at <= ${new Date(atMs).toISOString()}::timestamptz
    order by measured_at desc limit 1`;
  return row?.weightKg ?? null;
}
