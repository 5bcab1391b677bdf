import type { Sql } from "../../db/client.js";
import type { SleepStageType } from "../../lib/vocabulary.js";

export interface SleepRow {
  type: SleepStageType;
  sourceId: number;
  startMs: number;
  endMs: number;
  value: number;
  utcOffsetMin: number;
}

export interface SleepSourceRow {
  id: number;
  name: string;
  deviceType: string;
  priority: number | null;
}

/** Sleep-stage samples whose start date (at their own offset) lies in [fromDate, toDate]; the type index serves it. */
export async function sleepRowsBetween(sql: Sql, userId: string, fromDate: string, toDate: string): Promise<SleepRow[]> {
  return sql<SleepRow[]>`
    select s.type::text as type, s.source_id as "sourceId", round(date_part('epoch', s.start_at) * 1000) as "startMs",
           round(date_part('epoch', s.end_at) * 1000) as "endMs", s.value, s.utc_offset_min as "utcOffsetMin"
    from samples s
    where s.user_id = ${userId}
      and s.type in ('sleep_in_bed', 'sleep_asleep', 'sleep_core', 'sleep_deep', 'sleep_rem', 'sleep_awake')
      and s.local_date between ${fromDate}::date and ${toDate}::date`;
}

export async function sleepSources(sql: Sql, userId: string, ids: readonly number[]): Promise<SleepSourceRow[]> {
  if (ids.length === 0) return [];
  return sql<SleepSourceRow[]>`
    select id, name, device_type as "deviceType", priority from sources where user_id = ${userId} and id in ${sql(ids as number[])}`;
}
