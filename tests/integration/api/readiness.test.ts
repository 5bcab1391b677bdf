import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../helpers/harness.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../../helpers/test-env.js";

let h: Harness | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.cut();
  if (h) {
    h.deps.redis.disconnect();
    await h.deps.sql.end({ timeout: 1 });
  }
  h = undefined;
  proxy = undefined;
});

function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(port);
  return parsed.toString();
}

describe("GET /healthz and /readyz", () => {
  it("are 200 while both services are reachable", async () => {
    h = await createHarness();
    expect(await (await h.request("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await h.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { postgres: "ok", redis: "ok" } });
  });

  it("/readyz answers 503 naming Redis when Redis goes away, while /healthz stays 200", async () => {
    const redisUrl = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    h = await createHarness({ REDIS_URL: throughProxy(TEST_REDIS_URL, proxy.port) });
    expect((await h.request("/readyz")).status).toBe(200);
    await proxy.cut();
    const res = await h.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { postgres: "ok", redis: "unreachable" } });
    expect((await h.request("/healthz")).status).toBe(200);
  });

  it("/readyz answers 503 naming Postgres when Postgres goes away", async () => {
    const pgUrl = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432));
    h = await createHarness({ DATABASE_URL: throughProxy(TEST_DATABASE_URL, proxy.port) });
    expect((await h.request("/readyz")).status).toBe(200);
    await proxy.cut();
    const res = await h.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { postgres: "unreachable", redis: "ok" } });
  });
});
