import type { Sql } from "postgres";
import { type PgCpuSnapshot, postgresCpuBetween, snapshotPostgresCpu } from "./pg-cpu.js";
import { commandCpuSeconds, machineBusySeconds, processCpuSeconds } from "./proc-stats.js";

// Who used the CPU during the import: our processes, Postgres for our database, and the whole machine (the
// difference is other load, which makes the figures pessimistic on a shared box).

export interface CpuSeconds {
  worker: number;
  api: number;
  postgres: number;
  redis: number;
  bench: number;
  /** Every process on the machine: what is not ours is other load skewing the figures. */
  machine: number;
}

export interface CpuSnapshot {
  own: Omit<CpuSeconds, "postgres">;
  pg: PgCpuSnapshot;
}

export async function cpuNow(worker: { pid: number }, api: { pid: number }, sql: Sql, database: string): Promise<CpuSnapshot> {
  const pg = await snapshotPostgresCpu(sql, database);
  const own = process.cpuUsage();
  return {
    pg,
    own: {
      worker: processCpuSeconds(worker.pid),
      api: processCpuSeconds(api.pid),
      redis: commandCpuSeconds("redis-server"),
      bench: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
    },
  };
}

export function cpuDelta(start: CpuSnapshot, end: CpuSnapshot): CpuSeconds {
  const a = start.own;
  const b = end.own;
  return {
    worker: b.worker - a.worker,
    api: b.api - a.api,
    postgres: postgresCpuBetween(start.pg, end.pg),
    redis: b.redis - a.redis,
    bench: b.bench - a.bench,
    machine: b.machine - a.machine,
  };
}

/** What ran while an in-process measurement ran: the core-seconds the rest of the machine used, the load it saw. */
export interface WithOtherLoad<T> {
  result: T;
  wallMs: number;
  otherCoreS: number;
}

export async function measureWithOtherLoad<T>(run: () => Promise<T>): Promise<WithOtherLoad<T>> {
  const machineBefore = machineBusySeconds();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const own = process.cpuUsage(ownBefore);
  const otherCoreS = Math.max(0, machineBusySeconds() - machineBefore - (own.user + own.system) / 1e6);
  return { result, wallMs: performance.now() - started, otherCoreS };
}
