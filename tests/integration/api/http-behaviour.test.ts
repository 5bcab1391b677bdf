import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiServer, startApi } from "../../../src/server.js";
import { createHarness, expectProblem, type Harness, type TestUser } from "../../helpers/harness.js";

let h: Harness;
let user: TestUser;
const JSON_LIMIT_BYTES = 2048;
beforeAll(async () => {
  h = await createHarness({ JSON_BODY_LIMIT_BYTES: String(JSON_LIMIT_BYTES) });
  user = await h.createUser();
});
afterAll(async () => {
  await h.close();
});

describe("problem+json for every error", () => {
  it("404 for an unknown route", async () => {
    await expectProblem(await h.request("/v1/nothing-here", { key: user.apiKey }), 404, "NOT_FOUND");
  });

  it("405 with Allow for a known path and the wrong method", async () => {
    const res = await h.request("/v1/me", { method: "PUT", key: user.apiKey });
    await expectProblem(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
  });

  it("415 for a body that is not JSON", async () => {
    const res = await h.request("/v1/me", {
      method: "PATCH",
      key: user.apiKey,
      headers: { "content-type": "text/plain" },
      body: "height_cm=180",
    });
    await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("400 for malformed JSON", async () => {
    const res = await h.request("/v1/me", {
      method: "PATCH",
      key: user.apiKey,
      headers: { "content-type": "application/json" },
      body: '{"height_cm": 180,',
    });
    await expectProblem(res, 400, "BAD_REQUEST");
  });

  it("413 past the JSON route cap, leaving the profile untouched", async () => {
    const body = JSON.stringify({ activity_level: "active", pad: "x".repeat(JSON_LIMIT_BYTES) });
    const res = await h.request("/v1/me", {
      method: "PATCH",
      key: user.apiKey,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      body,
    });
    await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    const me = (await (await h.request("/v1/me", { key: user.apiKey })).json()) as Record<string, unknown>;
    expect(me.activity_level).toBeNull();
  });

  it("500 hides internals (a real failure: the database pool is gone)", async () => {
    const broken = await createHarness();
    const brokenUser = await broken.createUser();
    await broken.deps.sql.end({ timeout: 1 });
    const res = await broken.request("/v1/me", { key: brokenUser.apiKey });
    const body = await expectProblem(res, 500, "INTERNAL");
    expect(JSON.stringify(body)).not.toMatch(/postgres|sql|select|at \w+ \(|CONNECTION/i);
    broken.deps.redis.disconnect();
  });

  it("every answer carries X-Request-Id, and a sane incoming one is echoed", async () => {
    for (const path of ["/healthz", "/v1/me", "/openapi.json", "/nope"]) {
      const res = await h.request(path);
      expect(res.headers.get("x-request-id")).toMatch(/^req_|^[A-Za-z0-9._-]{8,}$/);
    }
    const echoed = await h.request("/healthz", { headers: { "x-request-id": "client-trace-12345" } });
    expect(echoed.headers.get("x-request-id")).toBe("client-trace-12345");
    const refused = await h.request("/healthz", { headers: { "x-request-id": "bad id with spaces <script>" } });
    expect(refused.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("body limits over a real socket", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApi(h.deps, { port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("413 for a chunked body (no Content-Length) past the cap", async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${"y".repeat(JSON_LIMIT_BYTES * 2)}"}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    let status: number | "reset";
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/v1/me`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      status = res.status;
      if (res.status === 413) await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    } catch {
      // Hono may reset the connection instead of answering once it has stopped reading (docs/architecture.md, Reliability).
      status = "reset";
    }
    expect([413, "reset"]).toContain(status);
    const me = (await (await h.request("/v1/me", { key: user.apiKey })).json()) as Record<string, unknown>;
    expect(me.activity_level).toBeNull();
  });

  it("a DELETE with neither Content-Type nor body is served (a client's plain DELETE, not a 415)", async () => {
    const created = (await (await h.request("/v1/api-keys", { method: "POST", key: user.apiKey })).json()) as { id: string };
    const res = await fetch(`http://127.0.0.1:${server.port}/v1/api-keys/${created.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${user.apiKey}` },
    });
    expect(res.status).toBe(204);
    const again = await fetch(`http://127.0.0.1:${server.port}/v1/api-keys/${created.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${user.apiKey}` },
    });
    await expectProblem(again, 404, "NOT_FOUND");
  });

  it("a DELETE that does carry a body still needs JSON", async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/v1/api-keys/key_0000000000`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${user.apiKey}`, "content-type": "text/plain" },
      body: "please",
    });
    await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a POST with neither Content-Length nor body (curl -X POST) reaches its route", async () => {
    const { Socket } = await import("node:net");
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = new Socket();
      let answer = "";
      socket.on("data", (chunk: Buffer) => {
        answer += chunk.toString("utf8");
      });
      socket.on("end", () => resolve(answer.split("\r\n")[0] ?? ""));
      socket.on("error", reject);
      socket.connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST /v1/imports/imp_0000000000000000/retry HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.apiKey}\r\nConnection: close\r\n\r\n`,
        );
      });
    });
    expect(statusLine).toBe("HTTP/1.1 404 Not Found");
  });
});
