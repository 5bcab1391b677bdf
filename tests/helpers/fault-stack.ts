import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PrivatePostgres, type PrivateRedis, startPrivatePostgres, startPrivateRedis } from "./private-services.js";
import { freePort, spawnNode, waitFor } from "./process.js";
import { TEST_ADMIN_TOKEN } from "./test-env.js";

// The service as it runs in production (`src/process/main.ts all`, a real socket, real workers) on a private
// Postgres cluster and a private Redis, so a fault test can stop either and watch the service converge.

export interface FaultStack {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  baseUrl: string;
  /** The BullMQ key prefix the service uses in the private Redis. */
  queuePrefix: string;
  /** Everything the service logged so far (JSON lines). */
  log(): string;
  /** A request over the socket, with the caller's key; the time it took is on the answer. */
  api(path: string, init?: RequestInit & { key?: string; json?: unknown }): Promise<Response & { elapsedMs: number }>;
  /**
   * Uploads bytes to POST /v1/imports on a connection of its own (a large body sent on a reused keep-alive
   * connection can meet a socket the server already closed: EPIPE on the client, nothing reaches the service).
   */
  upload(key: string, body: Uint8Array): Promise<{ status: number; body: { id: string; status: string } }>;
  createUser(profile?: Record<string, unknown>): Promise<{ id: string; apiKey: string }>;
  close(): Promise<void>;
}

/** Convergence timers short enough for a test; the defaults are in src/config/env.ts. */
const FAST_RECONCILE = {
  DAYS_RECONCILE_EVERY_MS: "1000",
  DAYS_RECONCILE_GRACE_MS: "3000",
  IMPORTS_RECONCILE_EVERY_MS: "1000",
  IMPORT_STALE_AFTER_MS: "3000",
};

export async function startFaultStack(env: Record<string, string> = {}): Promise<FaultStack> {
  const pg = await startPrivatePostgres();
  const redis = await startPrivateRedis();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "wearsync-faults-"));
  const logPath = join(dir, "service.log");
  const queuePrefix = `faults-${randomUUID()}`;
  const { child, exited } = spawnNode(
    ["src/process/main.ts", "all"],
    {
      NODE_ENV: "test",
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      UPLOAD_DIR: join(dir, "uploads"),
      LOG_LEVEL: "info",
      DB_POOL_MAX: "6",
      WORKER_CONCURRENCY: "2",
      ...FAST_RECONCILE,
      ...env,
    },
    { logPath },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = () => readFileSync(logPath, "utf8");
  const api: FaultStack["api"] = async (path, init = {}) => {
    const { key, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key) headers.set("authorization", `Bearer ${key}`);
    if (json !== undefined) headers.set("content-type", "application/json");
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    } catch (err) {
      // The service's last words say why the socket went away.
      throw new Error(`${rest.method ?? "GET"} ${path}: ${(err as Error).message}\n${log().slice(-4000)}`);
    }
    await res.clone().arrayBuffer();
    return Object.assign(res, { elapsedMs: performance.now() - started });
  };
  try {
    await waitFor(
      async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.status === 200 ? true : undefined),
      60_000,
      "the service to be ready",
    );
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${log().slice(-3000)}`);
  }
  const upload: FaultStack["upload"] = (key, body) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        `${baseUrl}/v1/imports`,
        {
          method: "POST",
          agent: false,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream", "content-length": String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
          res.on("error", reject);
        },
      );
      req.on("error", (err) => reject(new Error(`upload: ${err.message}\n${log().slice(-4000)}`)));
      req.end(body);
    });
  const createUser: FaultStack["createUser"] = async (profile = {}) => {
    const res = await api("/v1/admin/users", {
      method: "POST",
      key: TEST_ADMIN_TOKEN,
      json: { email: `user-${randomUUID()}@example.com`, ...profile },
    });
    if (res.status !== 201) throw new Error(`createUser: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string }; api_key: string };
    return { id: body.user.id, apiKey: body.api_key };
  };
  return {
    pg,
    redis,
    baseUrl,
    queuePrefix,
    log,
    api,
    upload,
    createUser,
    async close() {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
      await redis.close();
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
