import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

interface Doc {
  info: { license?: object };
  servers?: object[];
  paths: Record<
    string,
    Record<string, { operationId: string; security?: object[]; responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
  components: { schemas: Record<string, unknown> };
}

// The description itself, its browsable docs, and the dashboard's page and files (a UI, not API routes).
const UNDOCUMENTED = new Set(["/openapi.json", "/docs", "/docs/assets/:name", "/", "/assets/*"]);

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

  it("names every operation, secures every /v1 route, documents problem+json errors and types the sync items", async () => {
    const doc = (await (await h.request("/openapi.json")).json()) as Doc;
    expect(doc.info.license).toEqual({ name: "MIT", identifier: "MIT" });
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(op.operationId, where).toMatch(/^[a-zA-Z]+$/);
        ids.add(op.operationId);
        if (path.startsWith("/v1/admin/")) expect(op.security, where).toEqual([{ adminToken: [] }]);
        else if (path.startsWith("/v1/")) expect(op.security, where).toEqual([{ bearer: [] }]);
        else expect(op.security, where).toEqual([]);
        const problems = Object.entries(op.responses).filter(([status, r]) => status.startsWith("4") && r.content?.["application/problem+json"]);
        expect(problems.length, where).toBeGreaterThan(0);
      }
    }
    expect(ids.size).toBe(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0));
    const batch = doc.components.schemas.SyncBatch as { properties: Record<string, { items: { $ref: string } }> };
    expect(batch.properties.samples?.items.$ref).toBe("#/components/schemas/SyncSample");
    expect(batch.properties.workouts?.items.$ref).toBe("#/components/schemas/SyncWorkout");
    expect(Object.keys((doc.components.schemas.SyncWorkout as { properties: object }).properties)).toContain("heart_rate");
    const sync = doc.paths["/v1/sync"]?.post as unknown as { parameters: { name: string; required: boolean }[] };
    expect(sync.parameters.find((p) => p.name.toLowerCase() === "idempotency-key")?.required).toBe(true);
  });

  it("keeps null on the fields that may be null, never inside a shared component", async () => {
    const doc = (await (await h.request("/openapi.json")).json()) as Doc;
    // A component made nullable would make every field using it nullable, and the field itself would show a bare $ref.
    const nullableComponents = Object.entries(doc.components.schemas).filter(([, s]) =>
      JSON.stringify((s as { type?: unknown }).type ?? "").includes("null"),
    );
    expect(nullableComponents.map(([name]) => name)).toEqual([]);
    const fields = (name: string) =>
      (doc.components.schemas[name] as { allOf: { properties?: Record<string, unknown> }[] }).allOf[1]?.properties ?? {};
    expect(fields("WorkoutDetail").intensity_minutes).toMatchObject({ anyOf: [{ $ref: "#/components/schemas/IntensityMinutes" }, { type: "null" }] });
    expect(fields("DayDetail").sleep).toMatchObject({ anyOf: [{ $ref: "#/components/schemas/DaySleep" }, { type: "null" }] });
  });

  it("serves browsable docs at /docs", async () => {
    const res = await h.request("/docs");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/docs/assets/init.js");
  });
});
