import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "../../db/client.js";

export interface SampleRow {
  userId: string;
  type: string;
  sourceId: number;
  startMs: number;
  endMs: number;
  utcOffsetMin: number;
  localDate: string;
  value: number;
  importId: string | null;
}

const COPY_COLUMNS = "user_id, type, source_id, start_at, end_at, utc_offset_min, local_date, value, import_id";

function toCopyText(rows: SampleRow[]): string {
  const lines = rows.map((r) =>
    [
      r.userId,
      r.type,
      r.sourceId,
      new Date(r.startMs).toISOString(),
      new Date(r.endMs).toISOString(),
      r.utcOffsetMin,
      r.localDate,
      r.value,
      r.importId ?? "\\N",
    ].join("\t"),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * COPY into a per-transaction staging table, then one `INSERT … ON CONFLICT DO NOTHING` on the natural key:
 * ~10× faster than ORM inserts and idempotent, so a retried chunk converges to the same rows. The same
 * statement batch projects dietary energy into intake entries and body records into body measurements.
 * Only database statements run inside the transaction (docs/architecture.md, Reliability): the COPY text is built first.
 */
/** Returns how many rows were new. */
export async function copyMergeSamples(sql: Sql, rows: SampleRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const text = toCopyText(rows);
  const fromSync = rows.every((r) => r.importId === null);
  return sql.begin(async (tx) => {
    await tx`create temp table stage_samples (like samples) on commit drop`;
    const writable = await tx.unsafe(`copy stage_samples (${COPY_COLUMNS}) from stdin`).writable();
    await pipeline(Readable.from([text]), writable);
    // Rows the app sends are its own: one an import wrote first leaves that import's ownership, so deleting the
    // import keeps it (the same rule as a typed-in body measurement).
    if (fromSync) {
      await tx`
        update samples s set import_id = null from stage_samples st
        where s.user_id = st.user_id and s.type = st.type and s.source_id = st.source_id and s.start_at = st.start_at
          and s.end_at = st.end_at and s.import_id is not null`;
      await tx`
        update intake_entries e set import_id = null from stage_samples st
        where st.type = 'dietary_energy' and e.user_id = st.user_id and e.import_id is not null
          and e.external_id = 'sample:' || st.source_id || ':' || (extract(epoch from st.start_at) * 1000)::bigint || ':' || (extract(epoch from st.end_at) * 1000)::bigint`;
    }
    const inserted = await tx`insert into samples select * from stage_samples on conflict do nothing`;
    await tx`
      insert into intake_entries (id, user_id, consumed_at, utc_offset_min, local_date, energy_kcal, external_id, origin, source_id, import_id)
      select 'int_' || substr(md5(user_id || ':' || source_id || ':' || start_at || ':' || end_at), 1, 26),
             user_id, start_at, utc_offset_min, local_date, value,
             'sample:' || source_id || ':' || (extract(epoch from start_at) * 1000)::bigint || ':' || (extract(epoch from end_at) * 1000)::bigint,
             'import', source_id, import_id
      from stage_samples where type = 'dietary_energy'
      on conflict do nothing`;
    // Weight and body fat of one instant are one measurement; fields already set (e.g. typed by hand) win.
    await tx`
      insert into body_measurements (id, user_id, measured_at, utc_offset_min, local_date, weight_kg, body_fat_pct, source_id, import_id)
      select 'bdy_' || substr(md5(user_id || ':' || start_at), 1, 26), user_id, start_at,
             min(utc_offset_min), min(local_date),
             max(value) filter (where type = 'body_mass'), max(value) filter (where type = 'body_fat_percentage'),
             min(source_id), min(import_id)
      from stage_samples where type in ('body_mass', 'body_fat_percentage')
      group by user_id, start_at
      on conflict (user_id, measured_at) do update set
        weight_kg = coalesce(body_measurements.weight_kg, excluded.weight_kg),
        body_fat_pct = coalesce(body_measurements.body_fat_pct, excluded.body_fat_pct),
        import_id = case when excluded.import_id is null then null else body_measurements.import_id end`;
    return inserted.count;
  });
}
