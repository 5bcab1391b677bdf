import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";

// The one way tests and benchmarks run the service as a real process, the way `npm start` does.

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `node <nodeArgs> --import tsx <args>` from the repository root with exactly the given environment (plus PATH and
 * HOME); output piped to this process, or appended to `logPath`. `tsx: false` runs a prebuilt JavaScript entry.
 */
export function spawnNode(
  args: string[],
  env: Record<string, string | undefined>,
  opts: { nodeArgs?: string[]; logPath?: string; tsx?: boolean } = {},
): { child: ChildProcess; exited: Promise<number | null> } {
  const log = opts.logPath === undefined ? null : openSync(opts.logPath, "a");
  const loader = opts.tsx === false ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: log === null ? ["ignore", "pipe", "pipe"] : ["ignore", log, log],
  });
  if (log !== null) closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited };
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

// What the service logs when its process-level handlers catch an error nothing else handled. They are a last
// resort: a test run in which one fires has found a bug, even if the test that caused it passed.
const LAST_RESORT_MARKERS = ['"msg":"uncaught-exception"', '"msg":"unhandled-rejection"'];
const outputsOfThisFile: (() => string)[] = [];

/** The last-resort log lines of every service process this test file started (checked after each file). */
export function lastResortFirings(): string[] {
  return outputsOfThisFile.flatMap((output) =>
    output()
      .split("\n")
      .filter((line) => LAST_RESORT_MARKERS.some((marker) => line.includes(marker))),
  );
}

/** Runs `src/process/main.ts <role>` (or another entry) as a real process with exactly the given environment. */
export function spawnService(args: string[], env: Record<string, string | undefined>): Spawned {
  const { child, exited } = spawnNode(args, env);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  outputsOfThisFile.push(() => out + err);
  return { child, stdout: () => out, stderr: () => err, exited };
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

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}
