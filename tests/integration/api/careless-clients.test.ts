import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiServer, startApi } from "../../../src/server.js";
import { createHarness, expectProblem, type Harness, type TestUser } from "../../helpers/harness.js";

// Requests as curl, fetch and browsers send them, over a real socket.
let h: Harness;
let api: ApiServer;
let base: string;
let user: TestUser;
const ORIGIN = "https://app.example.com";
beforeAll(async () => {
  h = await createHarness({ RATE_LIMIT_ANON_PER_MINUTE: "2", CORS_ORIGINS: `${ORIGIN}, http://localhost:5173` });
  api = await startApi(h.deps, { port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${api.port}`;
  user = await h.createUser();
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const auth = () => ({ authorization: `Bearer ${user.apiKey}` });

describe("careless clients over a socket", () => {
  it("DELETE without a Content-Type revokes an API key (no 415), and the key stops working", async () => {
    const created = await fetch(`${base}/v1/api-keys`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ name: "leaked" }),
    });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; api_key: string };
    const res = await fetch(`${base}/v1/api-keys/${key.id}`, { method: "DELETE", headers: auth() });
    expect(res.status).toBe(204);
    const after = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${key.api_key}` } });
    await expectProblem(after, 401, "UNAUTHORIZED");
  });

  it("a trailing slash answers as the path without it", async () => {
    const res = await fetch(`${base}/v1/me/`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { email: string }).email).toBe(user.email);
  });

  it("HEAD on a GET route answers its status and headers without a body", async () => {
    const res = await fetch(`${base}/v1/me`, { method: "HEAD", headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.text()).toBe("");
  });

  it("a wrong method answers 405 with Allow even when it carries a body of another type", async () => {
    const res = await fetch(`${base}/v1/imports`, { method: "PUT", headers: { ...auth(), "content-type": "application/zip" }, body: "PK" });
    await expectProblem(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
  });

  it("an unknown path is a problem+json 404, with or without a body", async () => {
    await expectProblem(await fetch(`${base}/v1/nothing`, { headers: auth() }), 404, "NOT_FOUND");
    await expectProblem(
      await fetch(`${base}/v1/nothing`, { method: "POST", headers: { ...auth(), "content-type": "text/plain" }, body: "x" }),
      404,
      "NOT_FOUND",
    );
  });

  it("415 only when a body is sent with the wrong type", async () => {
    const res = await fetch(`${base}/v1/me`, { method: "PATCH", headers: { ...auth(), "content-type": "text/plain" }, body: "x" });
    await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("an upload is taken whatever its label (curl --data-binary's form type, application/zip): it reaches format detection", async () => {
    for (const type of ["application/x-www-form-urlencoded", "application/zip", "text/xml"]) {
      const res = await fetch(`${base}/v1/imports`, { method: "POST", headers: { ...auth(), "content-type": type }, body: "not an export at all" });
      const problem = await expectProblem(res, 422);
      expect(problem.code).toBe("UNKNOWN_FORMAT");
    }
  });

  it("health checks are never rate-limited (the anonymous limit here is 2 a minute)", async () => {
    for (let i = 0; i < 8; i++) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }
    const unauth = [];
    for (let i = 0; i < 4; i++) unauth.push((await fetch(`${base}/v1/me`)).status);
    expect(unauth).toContain(429);
  });

  it("CORS answers a preflight from a listed origin and names only that origin", async () => {
    const pre = await fetch(`${base}/v1/intake/ent_x`, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "DELETE", "access-control-request-headers": "authorization" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(pre.headers.get("access-control-allow-methods")).toContain("DELETE");
    const res = await fetch(`${base}/v1/me`, { headers: { ...auth(), origin: ORIGIN } });
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("access-control-expose-headers")).toContain("Location");
    const other = await fetch(`${base}/v1/me`, { headers: { ...auth(), origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("/docs and its assets come from this host only", async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>wearsync API</title>");
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(url.startsWith("/docs/assets/")).toBe(true);
      const asset = await fetch(`${base}${url}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await (await fetch(`${base}/docs/assets/init.js`)).text()).toContain('url: "/openapi.json"');
    expect((await fetch(`${base}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
