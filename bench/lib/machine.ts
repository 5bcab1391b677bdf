import { execFileSync } from "node:child_process";
import os from "node:os";
import { Redis } from "ioredis";
import postgres from "postgres";
import { REPO_ROOT } from "./service.js";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  ramGb: number;
  freeRamGb: number;
  platform: string;
  node: string;
  postgres: string;
  pgSharedBuffers: string;
  /** null when no Redis URL was given. */
  redis: string | null;
  /** Commit measured, with "+ uncommitted changes" when the tree is dirty. */
  revision: string;
}

function gitRevision(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " + uncommitted changes" : ""}`;
  } catch {
    return "unknown";
  }
}

async function redisVersion(redisUrl: string): Promise<string> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return /redis_version:(\S+)/.exec(await redis.info("server"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  } finally {
    redis.disconnect();
  }
}

/** What a result was measured on: the machine, the software versions and the code's revision. */
export async function describeMachine(postgresUrl: string, redisUrl?: string): Promise<MachineInfo> {
  const sql = postgres(postgresUrl, { max: 1, onnotice: () => undefined });
  const [row] = await sql<{ v: string; sb: string }[]>`
    select current_setting('server_version') as v, current_setting('shared_buffers') as sb`.finally(() => sql.end({ timeout: 5 }));
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    ramGb: os.totalmem() / 1024 ** 3,
    freeRamGb: os.freemem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: row?.v ?? "unknown",
    pgSharedBuffers: row?.sb ?? "unknown",
    redis: redisUrl === undefined ? null : await redisVersion(redisUrl),
    revision: gitRevision(),
  };
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
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
