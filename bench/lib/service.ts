import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { spawnNode } from "../../tests/helpers/process.js";

export { freePort, REPO_ROOT } from "../../tests/helpers/process.js";

export interface RunningRole {
  role: "api" | "worker";
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  logPath: string;
}

/**
 * `src/process/main.ts <role>` as `npm run start:<role>` runs it (or a prebuilt `entry`, e.g. a bundle of it), logging to a
 * file; `nodeArgs` go to node (e.g. --cpu-prof).
 */
export function spawnRole(
  role: "api" | "worker",
  env: Record<string, string>,
  logPath: string,
  nodeArgs: string[] = [],
  entry?: string,
): RunningRole {
  const args = [entry ?? "src/process/main.ts", role];
  const { child, exited } = spawnNode(args, env, { nodeArgs, logPath, tsx: entry === undefined });
  if (child.pid === undefined) throw new Error(`could not start the ${role} process`);
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

/** SIGTERM, then waits for the graceful shutdown; SIGKILL (this child only) if it overruns. Resolves with the exit code. */
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
