import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, users } from "../../../src/db/schema/index.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";
import { TEST_ADMIN_TOKEN } from "../../helpers/test-env.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const newEmail = () => `admin-${randomUUID()}@example.com`;

describe("POST /v1/admin/users", () => {
  it("creates a user with a profile and returns a key shown once, stored only as a hash", async () => {
    const email = newEmail();
    const res = await h.request("/v1/admin/users", {
      method: "POST",
      key: TEST_ADMIN_TOKEN,
      json: { email, sex: "female", birth_date: "1990-04-17", height_cm: 168, weight_kg: 70.5, time_zone: "Europe/Berlin" },
    });
    expect(res.status).toBe(201);
    const body = await readJson<{ user: Record<string, unknown>; api_key: string }>(res);
    expect(body.api_key).toMatch(/^wsk_/);
    expect(body.user).toMatchObject({ email, sex: "female", birth_date: "1990-04-17", height_cm: 168, time_zone: "Europe/Berlin" });

    const userId = String(body.user.id);
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, userId));
    expect(row?.weightKg).toBeCloseTo(70.5);
    const keys = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.userId, userId));
    expect(keys).toHaveLength(1);
    expect(JSON.stringify(keys)).not.toContain(body.api_key);
    expect(body.api_key.startsWith(keys[0]?.prefix ?? "missing")).toBe(true);

    const me = await h.request("/v1/me", { key: body.api_key });
    expect(me.status).toBe(200);
  });

  it("answers 409 for an email that exists, whatever its case", async () => {
    const email = newEmail();
    const first = await h.request("/v1/admin/users", { method: "POST", key: TEST_ADMIN_TOKEN, json: { email } });
    expect(first.status).toBe(201);
    const again = await h.request("/v1/admin/users", {
      method: "POST",
      key: TEST_ADMIN_TOKEN,
      json: { email: email.toUpperCase() },
    });
    await expectProblem(again, 409, "EMAIL_TAKEN");
  });

  it("refuses a wrong or missing admin token with 401, and a user key too", async () => {
    const user = await h.createUser();
    for (const key of [undefined, "wrong-token-wrong-token-wrong", user.apiKey]) {
      const res = await h.request("/v1/admin/users", { method: "POST", ...(key ? { key } : {}), json: { email: newEmail() } });
      await expectProblem(res, 401, "UNAUTHORIZED");
    }
  });

  it("is disabled when ADMIN_TOKEN is unset", async () => {
    const noAdmin = await createHarness({ ADMIN_TOKEN: undefined });
    try {
      const res = await noAdmin.request("/v1/admin/users", { method: "POST", key: TEST_ADMIN_TOKEN, json: { email: newEmail() } });
      const body = await expectProblem(res, 403, "FORBIDDEN");
      expect(body.detail).toMatch(/ADMIN_TOKEN/);
    } finally {
      await noAdmin.close();
    }
  });

  it("rejects unknown fields and invalid values with per-field errors, storing nothing", async () => {
    const email = newEmail();
    const res = await h.request("/v1/admin/users", {
      method: "POST",
      key: TEST_ADMIN_TOKEN,
      json: { email, is_admin: true, height_cm: 5, time_zone: "Nowhere/Land" },
    });
    const body = await expectProblem(res, 400, "VALIDATION_FAILED");
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(["(body)", "height_cm", "time_zone"]);
    const rows = await h.deps.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(0);
  });
});
