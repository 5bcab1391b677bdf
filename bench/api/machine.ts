import os from "node:os";
import type { Redis } from "ioredis";
import type { Sql } from "../../src/db/client.js";

export interface MachineFacts {
  nproc: number;
  cpuModel: string;
  memTotalGiB: number;
  memAvailableGiB: number;
  loadAvg: string;
  node: string;
  postgres: string;
  pgSharedBuffers: string;
  redis: string;
  platform: string;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

export async function machineFacts(sql: Sql, redis: Redis): Promise<MachineFacts> {
  const [pg] = await sql<{ v: string; sb: string }[]>`select current_setting('server_version') as v, current_setting('shared_buffers') as sb`;
  const info = await redis.info("server").catch(() => "");
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memTotalGiB: os.totalmem() / 1024 ** 3,
    memAvailableGiB: os.freemem() / 1024 ** 3,
    loadAvg: loadAverage(),
    node: process.version,
    postgres: pg?.v ?? "unknown",
    pgSharedBuffers: pg?.sb ?? "unknown",
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown",
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export interface LoadSamples {
  min: number;
  mean: number;
  max: number;
}

/** Samples the 1-minute load average every second: a noise indicator for a shared machine. */
export function startLoadSampler(): { stop(): LoadSamples } {
  const samples: number[] = [];
  const take = () => samples.push(os.loadavg()[0] ?? 0);
  take();
  const timer = setInterval(take, 1_000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { min: Math.min(...samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length, max: Math.max(...samples) };
    },
  };
}
