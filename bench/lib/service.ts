import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, spawnNode } from "../../tests/helpers/process.js";

export { freePort, REPO_ROOT } from "../../tests/helpers/process.js";

export interface RunningRole {
  role: "api" | "worker";
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  logPath: string;
}

/** The node flags `npm run start:<role>` gives (its heap cap), read from package.json so the bench runs the same. */
async function startScriptNodeArgs(role: "api" | "worker"): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const script = pkg.scripts[`start:${role}`] ?? "";
  return script.split(/\s+/).filter((word) => word.startsWith("--max-old-space-size="));
}

/**
 * `src/process/main.ts <role>` as `npm run start:<role>` runs it, with its node flags (or a prebuilt `entry`, e.g. a
 * bundle of it), logging to a file; `nodeArgs` go to node after those (e.g. --cpu-prof, or a heap cap that replaces it).
 */
export async function spawnRole(
  role: "api" | "worker",
  env: Record<string, string>,
  logPath: string,
  nodeArgs: string[] = [],
  entry?: string,
): Promise<RunningRole> {
  const args = [entry ?? "src/process/main.ts", role];
  const defaults = await startScriptNodeArgs(role);
  const { child, exited } = spawnNode(args, env, { nodeArgs: [...defaults, ...nodeArgs], logPath, tsx: entry === undefined });
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
