import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TestUser } from "../../helpers/harness.js";
import { DocumentValidator, type OpenApiDoc } from "./document-validator.js";

// A bounded, schema-driven fuzz: for every operation of the served document, fast-check builds requests from the
// operation's own parameter and body schemas (valid-looking values, boundary numbers, wrong types, extra keys,
// hostile strings). No input may get a 5xx; every 4xx is problem+json; a documented status matches its schema.

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

let h: Harness;
let user: TestUser;
let doc: OpenApiDoc & { components: { schemas: Record<string, Schema> } };
let validator: DocumentValidator;
beforeAll(async () => {
  h = await createHarness({ RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_ANON_PER_MINUTE: "1000000" });
  user = await h.createUser();
  doc = (await (await h.request("/openapi.json")).json()) as typeof doc;
  validator = new DocumentValidator(doc);
});
afterAll(async () => {
  await h.close();
});

const hostile = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "../../etc/passwd",
  "%00",
  "9".repeat(400),
  "2026-02-30",
  "-1",
  "1e308",
  "NaN",
  "null",
  "[]",
  "{}",
  "😀",
  "'; drop table users; --",
);
const numberish = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e9, -1e9, 2 ** 53, Number.MAX_VALUE, 0.1));

function arbitraryOf(schema: Schema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return arbitraryOf(doc.components.schemas[schema.$ref.split("/").at(-1) ?? ""], depth + 1);
  const subs = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (subs) return fc.oneof(...subs.map((s) => arbitraryOf(s, depth + 1)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "object"];
  const shaped = types.map((type): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (type) {
      case "string":
        return schema.format === "date"
          ? fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
          : schema.format === "date-time"
            ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
            : fc.oneof(fc.string({ maxLength: 40 }), hostile);
      case "number":
      case "integer":
        return numberish;
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return fc.array(arbitraryOf(schema.items, depth + 1), { maxLength: 3 });
      default: {
        const props = Object.entries(schema.properties ?? {});
        const record = fc.record(Object.fromEntries(props.map(([k, s]) => [k, arbitraryOf(s, depth + 1)])), { requiredKeys: [] });
        return fc.oneof(
          record,
          record.map((r) => ({ ...r, unexpected_key: 1 })),
        );
      }
    }
  });
  // One time in five, a value of the wrong kind altogether.
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...shaped) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

const asParam = (value: unknown) => encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value));

describe("schema-driven fuzz of every operation", () => {
  it("never answers 5xx; 4xx are problem+json; documented answers match their schemas", async () => {
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths as unknown as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = op.parameters ?? [];
        const bodySchema = op.requestBody?.content["application/json"]?.schema;
        const request = fc.record({
          path: fc.record(Object.fromEntries(params.filter((p) => p.in === "path").map((p) => [p.name, arbitraryOf(p.schema, 0)]))),
          query: fc.record(Object.fromEntries(params.filter((p) => p.in === "query").map((p) => [p.name, arbitraryOf(p.schema, 0)])), {
            requiredKeys: [],
          }),
          body: bodySchema ? arbitraryOf(bodySchema, 0) : fc.constant(undefined),
        });
        await fc.assert(
          fc.asyncProperty(request, async (req) => {
            // An empty segment would address another route (`/v1/imports/` is the list), so it becomes "_".
            let url = path.replace(/\{(\w+)\}/g, (_, name: string) => asParam(req.path[name]) || "_");
            const query = Object.entries(req.query).map(([k, v]) => `${k}=${asParam(v)}`);
            if (query.length > 0) url += `?${query.join("&")}`;
            // The account erasure is fuzzed with a confirmation that cannot match, so the fuzz user stays.
            const body = op.operationId === "deleteMe" ? { confirm: "not-the-email@example.com" } : req.body;
            const res = await h.request(url, {
              method: method.toUpperCase(),
              key: path.startsWith("/v1/admin/") ? "test-admin-token-0123456789abcdef" : user.apiKey,
              ...(body !== undefined ? { json: body } : {}),
              headers: op.operationId === "sync" ? { "idempotency-key": `fuzz-${requests}` } : {},
            });
            requests += 1;
            const text = await res.text();
            expect(res.status, `${method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${text}`).toBeLessThan(500);
            if (res.status >= 400) expect(res.headers.get("content-type"), `${url} → ${text}`).toMatch(/^application\/problem\+json/);
            const documented = validator.operations.get(op.operationId)?.responses[String(res.status)];
            const json = res.headers.get("content-type")?.includes("json") ?? false;
            if (documented && json && text !== "") validator.check(op.operationId, res.status, res.headers.get("content-type"), JSON.parse(text));
          }),
          { numRuns: 15, seed: 12, endOnFailure: true },
        );
      }
    }
    expect(requests).toBeGreaterThanOrEqual(15 * 40);
  }, 240_000);
});
