import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

interface KeyBody {
  id: string;
  name: string | null;
  prefix: string;
  api_key?: string;
  created_at: string;
  last_used_at: string | null;
}

describe("API keys", () => {
  it("issues a named key that works, and lists keys without their secrets", async () => {
    const user = await h.createUser();
    const res = await h.request("/v1/api-keys", { method: "POST", key: user.apiKey, json: { name: "watch sync" } });
    expect(res.status).toBe(201);
    const created = await readJson<KeyBody>(res);
    expect(Object.keys(created).sort()).toEqual(["api_key", "created_at", "id", "last_used_at", "name", "prefix"]);
    expect(created.name).toBe("watch sync");
    expect(created.api_key?.startsWith(`${created.prefix}_`)).toBe(true);

    expect((await h.request("/v1/me", { key: created.api_key ?? "" })).status).toBe(200);

    const list = await readJson<{ api_keys: KeyBody[]; next_cursor: string | null }>(await h.request("/v1/api-keys", { key: user.apiKey }));
    expect(list.api_keys.map((k) => k.id)).toContain(created.id);
    expect(list.api_keys).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain(created.api_key);
    expect(JSON.stringify(list)).not.toContain(user.apiKey);
    expect(list.next_cursor).toBeNull();
  });

  it("accepts an empty POST body (the name is optional)", async () => {
    const user = await h.createUser();
    const res = await h.request("/v1/api-keys", { method: "POST", key: user.apiKey });
    expect(res.status).toBe(201);
    expect((await readJson<KeyBody>(res)).name).toBeNull();
  });

  it("pages through keys newest first with a cursor", async () => {
    const user = await h.createUser();
    for (let i = 0; i < 4; i++) await h.request("/v1/api-keys", { method: "POST", key: user.apiKey, json: { name: `k${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page: { api_keys: KeyBody[]; next_cursor: string | null } = await readJson(await h.request(`/v1/api-keys${query}`, { key: user.apiKey }));
      expect(page.api_keys.length).toBeLessThanOrEqual(2);
      seen.push(...page.api_keys.map((k) => k.name ?? "default"));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["k3", "k2", "k1", "k0", "default"]);
  });

  it("revokes a key: 204, then that key gets 401 at once and disappears from the list", async () => {
    const user = await h.createUser();
    const created = await readJson<KeyBody>(await h.request("/v1/api-keys", { method: "POST", key: user.apiKey }));
    const secondKey = created.api_key ?? "";
    expect((await h.request("/v1/me", { key: secondKey })).status).toBe(200);

    const del = await h.request(`/v1/api-keys/${created.id}`, { method: "DELETE", key: user.apiKey });
    expect(del.status).toBe(204);
    await expectProblem(await h.request("/v1/me", { key: secondKey }), 401, "UNAUTHORIZED");
    expect((await h.request("/v1/me", { key: user.apiKey })).status).toBe(200);

    const list = await readJson<{ api_keys: KeyBody[] }>(await h.request("/v1/api-keys", { key: user.apiKey }));
    expect(list.api_keys.map((k) => k.id)).not.toContain(created.id);
    await expectProblem(await h.request(`/v1/api-keys/${created.id}`, { method: "DELETE", key: user.apiKey }), 404, "NOT_FOUND");
  });

  it("a user can revoke the very key they call with", async () => {
    const user = await h.createUser();
    const list = await readJson<{ api_keys: KeyBody[] }>(await h.request("/v1/api-keys", { key: user.apiKey }));
    const own = list.api_keys[0];
    expect(own).toBeDefined();
    expect((await h.request(`/v1/api-keys/${own?.id}`, { method: "DELETE", key: user.apiKey })).status).toBe(204);
    await expectProblem(await h.request("/v1/me", { key: user.apiKey }), 401);
  });
});

describe("authentication", () => {
  it.each([
    ["no header", {}],
    ["not bearer", { authorization: "Basic dXNlcjpwYXNz" }],
    ["malformed key", { authorization: "Bearer hello" }],
    ["well-formed unknown key", { authorization: `Bearer wsk_0000000000000000_${"0".repeat(52)}` }],
    ["oversized header", { authorization: `Bearer ${"a".repeat(4000)}` }],
  ])("answers 401 problem+json for %s", async (_label, headers) => {
    const res = await h.request("/v1/me", { headers });
    const body = await expectProblem(res, 401, "UNAUTHORIZED");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(JSON.stringify(body)).not.toMatch(/wsk_0000/);
  });

  it("answers 401 for a valid key whose secret part was altered", async () => {
    const user = await h.createUser();
    const last = user.apiKey.at(-1) === "a" ? "b" : "a";
    const altered = `${user.apiKey.slice(0, -1)}${last}`;
    await expectProblem(await h.request("/v1/me", { key: altered }), 401, "UNAUTHORIZED");
  });
});

describe("owner scoping", () => {
  it("another user's key id answers 404 and stays active", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    const bobKeys = await readJson<{ api_keys: KeyBody[] }>(await h.request("/v1/api-keys", { key: bob.apiKey }));
    const bobKeyId = bobKeys.api_keys[0]?.id ?? "";
    await expectProblem(await h.request(`/v1/api-keys/${bobKeyId}`, { method: "DELETE", key: alice.apiKey }), 404, "NOT_FOUND");
    expect((await h.request("/v1/me", { key: bob.apiKey })).status).toBe(200);
    const aliceList = await readJson<{ api_keys: KeyBody[] }>(await h.request("/v1/api-keys", { key: alice.apiKey }));
    expect(aliceList.api_keys.map((k) => k.id)).not.toContain(bobKeyId);
    const aliceMe = await readJson(await h.request("/v1/me", { key: alice.apiKey }));
    expect(aliceMe.id).toBe(alice.id);
  });
});
