import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import postgres from "postgres";
import { freePort, waitFor } from "./process.js";

// Fault tests stop and restart their own Redis and Postgres: a redis-server and a Postgres cluster started here, on
// ports of their own, so the shared services every other test (and every other developer) uses are never touched.
// Everything is stopped by its process id or data directory, never by a name pattern.

const run = promisify(execFile);

/** Postgres binaries: PG_BIN, else the Debian/Ubuntu layout of PostgreSQL 15. */
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL: an outage, not a shutdown). It keeps nothing on disk, so a restart is empty. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it for good. */
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    child = server;
    await waitFor(
      async () => {
        const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on("error", () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === "PONG" ? true : undefined;
        } finally {
          probe.disconnect();
        }
      },
      10_000,
      `private redis-server on port ${port}`,
    );
  };
  const kill = async () => {
    const server = child;
    child = null;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, close: kill };
}

export interface PrivatePostgres {
  /** The URL of a database created for the service (the server's `postgres` database is left alone). */
  url: string;
  /** Stops the server (fast shutdown: sessions are ended, as in an outage or a restart). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  close(): Promise<void>;
}

/** Runs a Postgres binary as the `postgres` OS user when this process is root (Postgres refuses to run as root). */
async function pgRun(binary: string, args: string[]): Promise<void> {
  const path = join(PG_BIN, binary);
  if (process.getuid?.() === 0) await run("runuser", ["-u", "postgres", "--", path, ...args]);
  else await run(path, args);
}

export async function startPrivatePostgres(database = "wearsync"): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "wearsync-faults-pg-"));
  const dataDir = join(dir, "data");
  if (process.getuid?.() === 0) {
    const ids = (await run("id", ["-u", "postgres"])).stdout.trim();
    const gid = (await run("id", ["-g", "postgres"])).stdout.trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  await pgRun("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () => pgRun("pg_ctl", ["-D", dataDir, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "30", "start"]);
  const stop = () => pgRun("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
  await start();
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    async close() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
