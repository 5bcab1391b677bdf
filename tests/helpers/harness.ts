import { randomUUID } from "node:crypto";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { buildApp } from "../../src/app.js";
import { checkConnections, closeDeps, createDeps, type Deps, type DepsOverrides } from "../../src/deps.js";
import type { AppEnv } from "../../src/http/router.js";
import { TEST_ADMIN_TOKEN, testEnv } from "./test-env.js";

export interface Harness {
  deps: Deps;
  app: OpenAPIHono<AppEnv>;
  /** A request through the real app (all middleware), as a client would send it. */
  request(path: string, init?: RequestInit & { key?: string; json?: unknown }): Promise<Response>;
  createUser(profile?: Record<string, unknown>): Promise<TestUser>;
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  email: string;
  apiKey: string;
}

export async function createHarness(envOverrides: Record<string, string | undefined> = {}, depsOverrides: DepsOverrides = {}): Promise<Harness> {
  const deps = createDeps(testEnv(envOverrides), depsOverrides);
  await checkConnections(deps);
  const app = buildApp(deps);
  const request: Harness["request"] = (path, init = {}) => {
    const { key, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key) headers.set("authorization", `Bearer ${key}`);
    if (json !== undefined) headers.set("content-type", "application/json");
    const body = json !== undefined ? JSON.stringify(json) : rest.body;
    return Promise.resolve(app.request(path, { ...rest, headers, ...(body !== undefined ? { body } : {}) }));
  };
  const createUser: Harness["createUser"] = async (profile = {}) => {
    const email = `user-${randomUUID()}@example.com`;
    const res = await request("/v1/admin/users", { method: "POST", key: TEST_ADMIN_TOKEN, json: { email, ...profile } });
    if (res.status !== 201) throw new Error(`createUser: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string }; api_key: string };
    return { id: body.user.id, email, apiKey: body.api_key };
  };
  const close = async () => {
    // Test queues live under a random prefix: remove them so repeated runs do not pile up keys in Redis.
    await Promise.all(Object.values(deps.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await closeDeps(deps);
  };
  return { deps, app, request, createUser, close };
}

export async function readJson<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Asserts the RFC 9457 shape shared by every error answer and returns the body. */
export async function expectProblem(res: Response, status: number, code?: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(`expected problem+json, got ${res.headers.get("content-type")}: ${text}`);
  }
  const body = JSON.parse(text) as Record<string, unknown>;
  for (const field of ["type", "title", "status", "detail", "instance", "code", "requestId"]) {
    if (!(field in body)) throw new Error(`problem body lacks ${field}: ${text}`);
  }
  if (body.status !== status) throw new Error(`problem status ${String(body.status)} != ${status}`);
  if (body.requestId !== res.headers.get("x-request-id")) throw new Error("problem requestId differs from X-Request-Id");
  if (code !== undefined && body.code !== code) throw new Error(`expected code ${code}, got ${String(body.code)}`);
  return body;
}
