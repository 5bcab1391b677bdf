import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningRole {
  role: "api" | "worker";
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  logPath: string;
}

/** How the service runs today (`npm run start:<role>`): TypeScript through tsx. */
export const TSX_ENTRY = ["--import", "tsx", "src/main.ts"];

/** Starts `node <nodeArgs> <entry> <role>` from the repository root, logging to a file. */
export function spawnRole(role: "api" | "worker", env: Record<string, string>, logPath: string, nodeArgs: string[] = [], entry = TSX_ENTRY): RunningRole {
  const log = openSync(logPath, "a");
  const child = spawn(process.execPath, [...nodeArgs, ...entry, role], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start the ${role} process`);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { role, pid: child.pid, child, exited, logPath };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for pino's `"msg":"started"` line; fails early if the process exits first. */
export async function waitUntilStarted(r: RunningRole, timeoutMs = 60_000): Promise<void> {
  let exitCode: number | null | undefined;
  void r.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${r.role} exited with ${exitCode} while starting; see ${r.logPath}`);
    const log = await readFile(r.logPath, "utf8").catch(() => "");
    if (log.includes('"msg":"started"')) return;
    await sleep(100);
  }
  throw new Error(`${r.role} did not start within ${timeoutMs} ms; see ${r.logPath}`);
}

/** SIGTERM, then waits for the graceful shutdown; SIGKILL only if it overruns. Resolves with the exit code. */
export async function stopRole(r: RunningRole, timeoutMs = 35_000): Promise<number | null> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return r.child.exitCode;
  r.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const result = await Promise.race([r.exited, overrun]);
  clearTimeout(timer);
  if (result !== "timeout") return result;
  r.child.kill("SIGKILL");
  await r.exited;
  return null;
}
