import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../src/app.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";

// Each API process remembers identities for a while (src/modules/accounts/auth-cache.ts). Two apps built on the same
// Postgres and Redis have two caches, like two API processes: a change made through one must hold on the other at once.

let h: Harness;
let other: ReturnType<typeof buildApp>;
beforeAll(async () => {
  h = await createHarness();
  other = buildApp(h.deps);
});
afterAll(async () => {
  await h.close();
});

function onOther(path: string, key: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("authorization", `Bearer ${key}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  return Promise.resolve(other.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }));
}

/** Redis commands `run` sends on the service's connection, counted by wrapping the client's command entry point. */
async function redisCommandsOf(run: () => Promise<unknown>): Promise<string[]> {
  const redis = h.deps.redis;
  const sent: string[] = [];
  const original = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
    sent.push(command.name);
    return (original as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof redis.sendCommand;
  try {
    await run();
  } finally {
    redis.sendCommand = original;
  }
  return sent;
}

describe("remembered identities", () => {
  it("a key revoked through another process is refused on the very next request", async () => {
    const user = await h.createUser();
    const created = await readJson<{ id: string; api_key: string }>(await h.request("/v1/api-keys", { method: "POST", key: user.apiKey }));
    expect((await h.request("/v1/me", { key: created.api_key })).status).toBe(200);
    expect((await h.request("/v1/me", { key: created.api_key })).status).toBe(200);
    expect((await onOther(`/v1/api-keys/${created.id}`, user.apiKey, { method: "DELETE" })).status).toBe(204);
    expect((await h.request("/v1/me", { key: created.api_key })).status).toBe(401);
    // The user's other key is untouched.
    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(200);
  });

  it("a unit system changed through another process shows in the next answer", async () => {
    const user = await h.createUser();
    const weighIn = await readJson<{ id: string }>(
      await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: { measured_at: "2026-01-10T07:00:00Z", weight_kg: 80 } }),
    );
    const before = await readJson(await h.request(`/v1/body-measurements/${weighIn.id}`, { key: user.apiKey }));
    expect(before).not.toHaveProperty("weight_lb");
    expect((await onOther("/v1/me", user.apiKey, { method: "PATCH", json: { unit_system: "imperial" } })).status).toBe(200);
    // 80 kg / 0.45359237 = 176.37 lb, shown to 0.1 lb
    expect(await readJson(await h.request(`/v1/body-measurements/${weighIn.id}`, { key: user.apiKey }))).toMatchObject({
      weight_kg: 80,
      weight_lb: 176.4,
    });
  });

  it("an erased account's key is refused on the very next request", async () => {
    const user = await h.createUser();
    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(200);
    const erased = await onOther("/v1/me", user.apiKey, { method: "DELETE", json: { confirm: user.email } });
    expect(erased.status).toBe(200);
    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(401);
  });

  it("a request with a remembered key costs one Redis command (the rate-limit count, reading the key's epoch along)", async () => {
    const user = await h.createUser();
    const first = await redisCommandsOf(() => h.request("/v1/me", { key: user.apiKey }));
    // The first lookup: the failed-attempts check with the epoch (3 reads), the count, and the key-use job.
    expect(first.length).toBeGreaterThan(1);
    const again = await redisCommandsOf(async () => {
      const res = await h.request("/v1/me", { key: user.apiKey });
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Remaining")).not.toBeNull();
    });
    expect(again).toEqual(["eval"]);
  });

  it("a kept answer with a remembered key costs that one Redis command too, the projection marker read along", async () => {
    const user = await h.createUser();
    const routes = ["/v1/projections/weekly?from=2026-11-01&to=2026-11-30", "/v1/days?from=2026-11-01&to=2026-11-30", "/v1/workouts?limit=10"];
    for (const route of routes) expect((await h.request(route, { key: user.apiKey })).status).toBe(200);
    for (const route of routes) {
      const sent = await redisCommandsOf(async () => expect((await h.request(route, { key: user.apiKey })).status).toBe(200));
      expect({ route, sent }).toEqual({ route, sent: ["eval"] });
    }
    const weekly = async () =>
      readJson<{ pending: boolean }>(await h.request("/v1/projections/weekly?from=2026-11-01&to=2026-11-30", { key: user.apiKey }));
    expect((await weekly()).pending).toBe(false);
    await h.deps.pending.mark([{ kind: "projection", userId: user.id, member: "2026-11-09" }]);
    expect((await weekly()).pending).toBe(true);
  });
});
