import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { sleep } from "./stats.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ServiceProcess {
  role: "api" | "worker";
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  logPath: string;
}

/** `node --import tsx src/main.ts <role>`, as `npm run start:<role>` runs it, logging to a file. */
export function spawnService(role: "api" | "worker", env: Record<string, string>, logPath: string, nodeArgs: string[] = []): ServiceProcess {
  const log = openSync(logPath, "a");
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts", role], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start the ${role} process`);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { role, pid: child.pid, child, exited, logPath };
}

/** Waits for pino's `"msg":"started"` line; fails early when the process exits first. */
export async function waitUntilStarted(p: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`${p.role} exited with ${p.child.exitCode} while starting; see ${p.logPath}`);
    const log = await readFile(p.logPath, "utf8").catch(() => "");
    if (log.includes('"msg":"started"')) return;
    await sleep(100);
  }
  throw new Error(`${p.role} did not start within ${timeoutMs} ms; see ${p.logPath}`);
}

/** SIGTERM and wait for the graceful shutdown; SIGKILL (this child only) if it overruns. */
export async function stopService(p: ServiceProcess, timeoutMs = 20_000): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const result = await Promise.race([p.exited, overrun]);
  clearTimeout(timer);
  if (result !== "timeout") return result;
  p.child.kill("SIGKILL");
  return p.exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** User + system CPU seconds a process has used so far (Linux /proc; null elsewhere). */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SEC : null;
  } catch {
    return null;
  }
}

// USER_HZ is 100 on every mainstream Linux build.
const CLOCK_TICKS_PER_SEC = 100;
