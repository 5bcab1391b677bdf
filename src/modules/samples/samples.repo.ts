import type { Sql } from "../../db/client.js";

export interface SampleReadRow {
  type: string;
  startAt: Date;
  endAt: Date;
  utcOffsetMin: number;
  localDate: string;
  value: number;
  importId: string | null;
  sourceId: number;
  sourceName: string;
  deviceType: string;
  device: string;
}

export interface SampleQuery {
  userId: string;
  type: string | undefined;
  from: string | undefined;
  to: string | undefined;
  limit: number;
  after?: { startAt: Date; sourceId: number; endAt: Date; type: string };
}

type RawRow = Omit<SampleReadRow, "startAt" | "endAt"> & { startAt: string; endAt: string };

/**
 * Raw samples of one user (in a local-date range when given), oldest first, keyset-paginated on the natural key.
 * (Drizzle's driver setup makes postgres.js return timestamps as strings; they are parsed here.)
 */
export async function listSamples(sql: Sql, q: SampleQuery): Promise<SampleReadRow[]> {
  const after = q.after;
  const rows = await sql<RawRow[]>`
    select s.type::text as type, s.start_at as "startAt", s.end_at as "endAt", s.utc_offset_min as "utcOffsetMin",
           s.local_date::text as "localDate", s.value, s.import_id as "importId", s.source_id as "sourceId",
           src.name as "sourceName", src.device_type as "deviceType", src.device
    from samples s join sources src on src.id = s.source_id
    where s.user_id = ${q.userId}
      ${q.from === undefined ? sql`` : sql`and s.local_date >= ${q.from}`}
      ${q.to === undefined ? sql`` : sql`and s.local_date <= ${q.to}`}
      ${q.type ? sql`and s.type = ${q.type}` : sql``}
      ${after ? sql`and (s.start_at, s.type::text, s.source_id, s.end_at) > (${after.startAt.toISOString()}::timestamptz, ${after.type}, ${after.sourceId}, ${after.endAt.toISOString()}::timestamptz)` : sql``}
    order by s.start_at, s.type::text, s.source_id, s.end_at
    limit ${q.limit}`;
  return rows.map((row) => ({ ...row, startAt: new Date(row.startAt), endAt: new Date(row.endAt) }));
}
