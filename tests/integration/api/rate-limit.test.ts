import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness } from "../../helpers/harness.js";

// Two harnesses with the same prefix stand for two API processes sharing one Redis.
const sharedPrefix = `test-${randomUUID()}`;
const LIMIT = 5;
let a: Harness;
let b: Harness;
beforeAll(async () => {
  const env = { QUEUE_PREFIX: sharedPrefix, RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_ANON_PER_MINUTE: "3" };
  a = await createHarness(env);
  b = await createHarness(env);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe("per-user rate limit", () => {
  it("counts across API processes and answers 429 with RateLimit-* headers", async () => {
    const user = await a.createUser();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await (i % 2 === 0 ? a : b).request("/v1/me", { key: user.apiKey });
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-limit")).toBe(String(LIMIT));
      expect(res.headers.get("ratelimit-remaining")).toBe(String(LIMIT - i - 1));
    }
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    const limited = await b.request("/v1/me", { key: user.apiKey });
    await expectProblem(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");

    const other = await a.createUser();
    expect((await a.request("/v1/me", { key: other.apiKey })).status).toBe(200);
  });

  it("limits failed key attempts per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await a.request("/v1/me", { key: `wsk_0000000000000000_${"1".repeat(52)}` })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe("failed authentication once rate-limited", () => {
  it("is refused before the key lookup: it answers 429 even while the key table is locked", async () => {
    const env = { QUEUE_PREFIX: `test-${randomUUID()}`, RATE_LIMIT_ANON_PER_MINUTE: "2" };
    const limited = await createHarness(env);
    const fresh = await createHarness({ ...env, QUEUE_PREFIX: `test-${randomUUID()}` });
    const badKey = `wsk_0000000000000000_${"2".repeat(52)}`;
    const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
    try {
      expect((await limited.request("/v1/me", { key: badKey })).status).toBe(401);
      expect((await limited.request("/v1/me", { key: badKey })).status).toBe(401);
      const lock = await limited.deps.sql.reserve();
      await lock`begin`;
      await lock`lock table api_keys in access exclusive mode`;
      let blocked: Promise<Response> | null = null;
      try {
        const answer = await within(limited.request("/v1/me", { key: badKey }), 3_000);
        await expectProblem(answer ?? new Response(null, { status: 599 }), 429, "RATE_LIMITED");
        // The lock does bite: an address not yet limited needs the lookup, and waits for it.
        blocked = Promise.resolve(fresh.request("/v1/me", { key: badKey }));
        expect(await within(blocked, 1_000)).toBeNull();
      } finally {
        await lock`rollback`;
        lock.release();
      }
      expect((await blocked)?.status).toBe(401);
    } finally {
      await limited.close();
      await fresh.close();
    }
  });
});
