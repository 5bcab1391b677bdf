import { execFileSync } from "node:child_process";
import os from "node:os";
import postgres from "postgres";
import { REPO_ROOT } from "./service.js";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  ramGb: number;
  node: string;
  postgres: string;
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

export async function describeMachine(postgresUrl: string): Promise<MachineInfo> {
  const sql = postgres(postgresUrl, { max: 1, onnotice: () => undefined });
  const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`.finally(() => sql.end({ timeout: 5 }));
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    ramGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: row?.v ?? "unknown",
    revision: gitRevision(),
  };
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}
