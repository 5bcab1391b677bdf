import type { Sql } from "postgres";
import { cpuByPid } from "./proc-stats.js";

// Postgres CPU attributable to the bench: the backends connected to the bench database (not other sessions'
// databases on the same server) plus the shared WAL writer, background writer and checkpointer.
const SHARED_BACKENDS = ["walwriter", "background writer", "checkpointer"];

export async function benchPostgresPids(sql: Sql, database: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where (datname = ${database} and pid <> pg_backend_pid()) or backend_type = any(${SHARED_BACKENDS})`;
  return rows.map((r) => r.pid);
}

export interface PgCpuSnapshot {
  byPid: Map<number, number>;
}

export async function snapshotPostgresCpu(sql: Sql, database: string): Promise<PgCpuSnapshot> {
  return { byPid: cpuByPid(await benchPostgresPids(sql, database)) };
}

/** CPU seconds between two snapshots; a backend first seen at the end counts from zero (it started in between). */
export function postgresCpuBetween(before: PgCpuSnapshot, after: PgCpuSnapshot): number {
  let total = 0;
  for (const [pid, cpu] of after.byPid) total += cpu - (before.byPid.get(pid) ?? 0);
  return total;
}
