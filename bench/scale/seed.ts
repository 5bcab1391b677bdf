import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres, { type Sql } from "postgres";
import { prepareDatabase } from "../../src/db/migrate.js";
import { newId } from "../../src/lib/ids.js";
import { ZoneCache } from "../../src/lib/zone.js";
import { BENCH_PROFILE, PHONE, SCALE, WATCH } from "../api/plan-types.js";
import { BODY_COPY_COLUMNS, dayRows, INTAKE_COPY_COLUMNS, type SeedUser, WORKOUT_COPY_COLUMNS } from "./day-rows.js";

// The seed is setup, not a measurement: COPY straight into the tables (no API, no import), then VACUUM ANALYZE
// (autovacuum may be off, and the planner needs statistics for a table this size).

const SAMPLE_COPY_COLUMNS = "user_id, type, source_id, start_at, end_at, utc_offset_min, local_date, value, import_id";
/** Kept in the bench database so a --reuse run knows what it holds. */
const META_TABLE = "bench_scale_seed";

export interface SeedInfo {
  users: { id: string; email: string }[];
  dates: string[];
  samples: number;
  samplesByType: Record<string, number>;
  workouts: number;
  intakeEntries: number;
  bodyMeasurements: number;
  copySeconds: number;
  vacuumSeconds: number;
}

export const seedEmail = (index: number) => `bench-scale-${index}@example.com`;

async function createUsers(sql: Sql, count: number): Promise<SeedUser[]> {
  const users: SeedUser[] = [];
  for (let index = 0; index < count; index++) {
    const id = newId("usr", Date.now());
    const p = BENCH_PROFILE;
    await sql`insert into users (id, email, sex, birth_date, height_cm, weight_kg, time_zone, hr_max_bpm)
      values (${id}, ${seedEmail(index)}, ${p.sex}, ${p.birth_date}, ${p.height_cm}, ${p.weight_kg - index * 0.5}, ${p.time_zone}, ${p.hr_max_bpm})`;
    const source = async (s: typeof WATCH) => {
      const [row] = await sql<{ id: number }[]>`insert into sources (user_id, name, device_type, device)
        values (${id}, ${s.name}, ${s.device_type}, ${s.device ?? ""}) returning id`;
      return row?.id ?? 0;
    };
    users.push({ id, index, sources: { watch: await source(WATCH), phone: await source(PHONE), scale: await source(SCALE) } });
  }
  return users;
}

/** Day-major, then user: the heap holds the users' days interleaved, as daily syncs of many people leave it. */
function* seedChunks(
  users: SeedUser[],
  dates: string[],
  seed: number,
  info: SeedInfo,
  side: { workouts: string[]; intake: string[]; body: string[] },
) {
  const zone = new ZoneCache(BENCH_PROFILE.time_zone);
  for (const [dayIndex, date] of dates.entries()) {
    for (const user of users) {
      const day = dayRows(user, date, dayIndex, zone, seed);
      for (const [type, n] of Object.entries(day.sampleCounts)) {
        info.samplesByType[type] = (info.samplesByType[type] ?? 0) + n;
        info.samples += n;
      }
      if (day.workouts) side.workouts.push(day.workouts);
      if (day.intake) side.intake.push(day.intake);
      if (day.body) side.body.push(day.body);
      yield day.samples;
    }
  }
}

async function copyInto(sql: Sql, table: string, columns: string, chunks: Iterable<string>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns}) from stdin`).writable();
  await pipeline(Readable.from(chunks), writable);
}

const lineCount = (chunks: string[]) => chunks.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);

/** Creates and migrates the database, then loads `userCount` users' `dates` of minute-level data. */
export async function seedDatabase(
  databaseUrl: string,
  opts: { users: number; dates: string[]; seed: number },
  log: (line: string) => void,
): Promise<SeedInfo> {
  await prepareDatabase(databaseUrl);
  const sql = postgres(databaseUrl, { max: 3, onnotice: () => undefined });
  try {
    const users = await createUsers(sql, opts.users);
    const info: SeedInfo = {
      users: users.map((u) => ({ id: u.id, email: seedEmail(u.index) })),
      dates: opts.dates,
      samples: 0,
      samplesByType: {},
      workouts: 0,
      intakeEntries: 0,
      bodyMeasurements: 0,
      copySeconds: 0,
      vacuumSeconds: 0,
    };
    const side = { workouts: [] as string[], intake: [] as string[], body: [] as string[] };
    const started = performance.now();
    let lastLog = started;
    const progress = function* (chunks: Iterable<string>) {
      for (const chunk of chunks) {
        yield chunk;
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          log(`  … ${(info.samples / 1e6).toFixed(1)} M sample rows sent in ${((lastLog - started) / 1000).toFixed(0)} s`);
        }
      }
    };
    // Two COPY streams (the users split in two), one per core: the seed is bound by Postgres' per-row work. Each
    // skips the per-row foreign-key triggers (the rows reference the sources just created, by construction): with
    // them COPY runs at a tenth of the speed. Those sessions only; it needs the superuser the bench connects as.
    const halves = [users.filter((u) => u.index % 2 === 0), users.filter((u) => u.index % 2 === 1)].filter((h) => h.length > 0);
    await Promise.all(
      halves.map((half) =>
        sql.reserve().then(async (conn) => {
          try {
            await conn`set session_replication_role = replica`;
            await copyInto(conn, "samples", SAMPLE_COPY_COLUMNS, progress(seedChunks(half, opts.dates, opts.seed, info, side)));
          } finally {
            conn.release();
          }
        }),
      ),
    );
    await copyInto(sql, "workouts", WORKOUT_COPY_COLUMNS, side.workouts);
    await copyInto(sql, "intake_entries", INTAKE_COPY_COLUMNS, side.intake);
    await copyInto(sql, "body_measurements", BODY_COPY_COLUMNS, side.body);
    info.workouts = lineCount(side.workouts);
    info.intakeEntries = lineCount(side.intake);
    info.bodyMeasurements = lineCount(side.body);
    info.copySeconds = (performance.now() - started) / 1000;
    log(`COPY done: ${info.samples} samples in ${info.copySeconds.toFixed(0)} s; VACUUM ANALYZE`);
    const vacuumStarted = performance.now();
    await sql.unsafe("vacuum (analyze) samples, workouts, intake_entries, body_measurements, users, sources");
    info.vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    await sql.unsafe(`create table ${META_TABLE} (info jsonb not null)`);
    await sql`insert into ${sql(META_TABLE)} (info) values (${sql.json(info as never)})`;
    return info;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** What an earlier --keep-db run seeded. */
export async function readSeedInfo(databaseUrl: string): Promise<SeedInfo> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ info: SeedInfo }[]>`select info from ${sql(META_TABLE)}`;
    if (!row) throw new Error(`--reuse: ${META_TABLE} is empty`);
    return row.info;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface TableSize {
  table: string;
  rows: number;
  heapMb: number;
  indexesMb: number;
  /** Partitions, when the table is partitioned (its sizes are then their sums). */
  partitions: number;
}

/** Size of the tables the seed filled (partitions summed), from the catalog: no scan. */
export async function databaseSizes(databaseUrl: string): Promise<TableSize[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    return await sql<TableSize[]>`
      select t.relname as "table",
             sum(greatest(c.reltuples, 0))::float8 as rows,
             sum(pg_relation_size(c.oid))::float8 / 1e6 as "heapMb",
             sum(pg_indexes_size(c.oid))::float8 / 1e6 as "indexesMb",
             (count(*) filter (where c.oid <> t.oid))::int as partitions
      from pg_class t
      join pg_class c on c.oid = t.oid or c.oid in (select relid from pg_partition_tree(t.oid) where isleaf)
      where t.relname in ('samples', 'workouts', 'intake_entries', 'body_measurements', 'daily_energy') and t.relkind in ('r', 'p')
      group by t.relname order by t.relname`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
