import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notFoundHandler, onError } from "../../../../src/http/error-handler.js";
import type { AppEnv } from "../../../../src/http/router.js";
import { dashboardRouter } from "../../../../src/modules/dashboard/dashboard.handlers.js";
import { loadAssets } from "../../../../src/modules/dashboard/dashboard-assets.js";

let dir: string;
const script = `console.log(${JSON.stringify("x".repeat(4000))});\n`;

function appFor(assetsDir: string) {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", "req_test");
    await next();
  });
  app.route("/", dashboardRouter(loadAssets(assetsDir)));
  app.onError(onError);
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wearsync-dashboard-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, "assets", "index-abc123.js"), script);
  writeFileSync(join(dir, "assets", "notes.txt"), "not a served type");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serving the built dashboard", () => {
  it("answers / with index.html, revalidated on every visit, under a CSP that allows only this origin", async () => {
    const res = await appFor(dir).request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp.split("; ")).toEqual(
      expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]),
    );
    expect(csp).not.toContain("unsafe");
    expect(await res.text()).toContain("/assets/index-abc123.js");

    const again = await appFor(dir).request("/", { headers: { "if-none-match": res.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("serves hashed assets as immutable, gzipped when the browser accepts it", async () => {
    const gz = await appFor(dir).request("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("vary")).toBe("Accept-Encoding");
    const body = Buffer.from(await gz.arrayBuffer());
    expect(Number(gz.headers.get("content-length"))).toBe(body.byteLength);
    expect(body.byteLength).toBeLessThan(script.length / 10);
    expect(gunzipSync(body).toString("utf8")).toBe(script);

    const plain = await appFor(dir).request("/assets/index-abc123.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it("answers 404 problem+json for a file it does not have, or of a type it does not serve", async () => {
    for (const path of ["/assets/index-old.js", "/assets/notes.txt", "/assets/../index.html"]) {
      const res = await appFor(dir).request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("says how to build the UI when it was not built, and keeps the API running", async () => {
    const empty = mkdtempSync(join(tmpdir(), "wearsync-dashboard-empty-"));
    try {
      const res = await appFor(empty).request("/");
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("npm run build:web");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
