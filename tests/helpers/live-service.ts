import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { freePort, type Spawned, spawnService, waitFor } from "./process.js";
import { TEST_ADMIN_TOKEN, testEnvVars } from "./test-env.js";

// The real service as a separate process on a real socket, for tests that act as a hostile or unlucky client.

export interface LiveService {
  base: string;
  port: number;
  uploadDir: string;
  proc: Spawned;
  /** A fresh user and API key, created through the admin route. */
  createUser(): Promise<{ id: string; apiKey: string }>;
  /** Files left in the upload store's temp folder (a `.part` here after a failed upload is a leak). */
  tempFiles(): Promise<string[]>;
  /** Every stored upload file, under any user. */
  storedFiles(): Promise<string[]>;
  /** The process is alive and its last-resort handlers (uncaught exception, unhandled rejection) never fired. */
  assertHealthy(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLiveService(env: Record<string, string> = {}): Promise<LiveService> {
  const port = await freePort();
  const vars = testEnvVars({ LOG_LEVEL: "info", PORT: String(port), ...env });
  const uploadDir = vars.UPLOAD_DIR ?? `/tmp/wearsync-test-uploads/${randomUUID()}`;
  const proc = spawnService(["src/process/main.ts", "all"], vars);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`service exited: ${proc.stderr()}${proc.stdout().slice(-2000)}`);
      const res = await fetch(`${base}/healthz`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    },
    30_000,
    "the service to answer /healthz",
  );
  const listFiles = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  };
  return {
    base,
    port,
    uploadDir,
    proc,
    async createUser() {
      const res = await fetch(`${base}/v1/admin/users`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ email: `user-${randomUUID()}@example.com` }),
      });
      if (res.status !== 201) throw new Error(`createUser: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { user: { id: string }; api_key: string };
      return { id: body.user.id, apiKey: body.api_key };
    },
    tempFiles: () => listFiles(path.join(uploadDir, "tmp")),
    storedFiles: async () => (await listFiles(uploadDir)).filter((f) => !f.startsWith(path.join(uploadDir, "tmp") + path.sep)),
    async assertHealthy() {
      if (proc.child.exitCode !== null) throw new Error(`the service exited with ${proc.child.exitCode}: ${proc.stdout().slice(-3000)}`);
      const log = proc.stdout() + proc.stderr();
      for (const marker of ['"msg":"uncaught-exception"', '"msg":"unhandled-rejection"', "Maximum call stack", "heap out of memory"]) {
        if (log.includes(marker)) throw new Error(`the service log shows ${marker}:\n${log.slice(-3000)}`);
      }
      const res = await fetch(`${base}/healthz`);
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    },
    async stop() {
      if (proc.child.exitCode === null) {
        proc.child.kill("SIGTERM");
        await proc.exited;
      }
    },
  };
}

/**
 * Sends raw bytes as an HTTP/1.1 request over a socket, optionally dropping the connection after `dropAfterMs`
 * (a client gone mid-upload); resolves with whatever came back (may be empty).
 */
export function rawRequest(port: number, head: string, body: string | Buffer, opts: { dropAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(head);
      socket.write(body);
      if (opts.dropAfterMs !== undefined) setTimeout(() => socket.destroy(), opts.dropAfterMs);
    });
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("utf8");
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(answer));
  });
}
