import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

// The description itself, its browsable docs, and the dashboard's page and files (a UI, not API routes).
const UNDOCUMENTED = new Set(["/openapi.json", "/docs", "/", "/assets/*"]);

describe("API description", () => {
  it("documents every route the app serves, with request and response schemas", async () => {
    const res = await h.request("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: object }>> };
    expect(doc.openapi).toBe("3.1.0");

    const served = h.app.routes
      .filter((r) => r.method !== "ALL" && !UNDOCUMENTED.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(documented)).toEqual(new Set(served));
    expect(served.length).toBeGreaterThanOrEqual(8);

    const patchMe = doc.paths["/v1/me"]?.patch as unknown as { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(patchMe.requestBody.content)).toEqual(["application/json"]);
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  });

  it("serves browsable docs at /docs", async () => {
    const res = await h.request("/docs");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/openapi.json");
  });
});
