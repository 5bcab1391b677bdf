import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnService, waitFor } from "../../helpers/process.js";
import { TEST_DATABASE_URL, testEnvVars } from "../../helpers/test-env.js";

const freshDbName = `wearsync_boot_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const adminUrl = new URL(TEST_DATABASE_URL);
adminUrl.pathname = "/postgres";

afterAll(async () => {
  const sql = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists "${freshDbName}" with (force)`);
  await sql.end();
});

describe("npm start (all roles in one process)", () => {
  it("creates a missing database, migrates it, serves /healthz and /readyz, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const dbUrl = new URL(TEST_DATABASE_URL);
    dbUrl.pathname = `/${freshDbName}`;
    const startedMs = Date.now();
    const svc = spawnService(["src/process/main.ts", "all"], testEnvVars({ PORT: String(port), DATABASE_URL: dbUrl.toString(), LOG_LEVEL: "info" }));
    try {
      const ready = await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/readyz`);
          return res.status === 200 ? ((await res.json()) as unknown) : undefined;
        },
        20_000,
        "/readyz",
      );
      expect(Date.now() - startedMs).toBeLessThan(20_000);
      expect(ready).toEqual({ status: "ready", checks: { postgres: "ok", redis: "ok" } });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      const sql = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
      const tables = await sql`select count(*)::int as n from information_schema.tables where table_name in ('users', 'api_keys')`;
      await sql.end();
      expect(tables[0]?.n).toBe(2);
    } finally {
      svc.child.kill("SIGTERM");
    }
    expect(await svc.exited).toBe(0);
    expect(svc.stdout()).toContain('"msg":"shutdown.complete"');
  }, 40_000);
});

describe("start-up failures are one readable line", () => {
  it("names the unreachable Redis URL and how to start it", async () => {
    const port = await freePort();
    const svc = spawnService(["src/process/main.ts", "all"], testEnvVars({ REDIS_URL: `redis://127.0.0.1:${port}` }));
    expect(await svc.exited).toBe(1);
    const lines = svc.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(lines[0]).toContain("docker compose up -d db redis");
  }, 30_000);

  it("names the unreachable Postgres URL (password hidden)", async () => {
    const port = await freePort();
    const svc = spawnService(["src/process/main.ts", "api"], testEnvVars({ DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${port}/wearsync` }));
    expect(await svc.exited).toBe(1);
    const lines = svc.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot reach Postgres at postgres://app:***@127.0.0.1:${port}/wearsync`);
    expect(lines[0]).not.toContain("s3cret");
  }, 30_000);

  it("names every invalid variable at once", async () => {
    const svc = spawnService(["src/process/main.ts", "worker"], testEnvVars({ PORT: "http", WORKER_CONCURRENCY: "-1", LOG_LEVEL: "chatty" }));
    expect(await svc.exited).toBe(1);
    const line = svc.stderr().trim();
    expect(line.split("\n")).toHaveLength(1);
    for (const name of ["PORT", "WORKER_CONCURRENCY", "LOG_LEVEL"]) expect(line).toContain(name);
  }, 30_000);
});
