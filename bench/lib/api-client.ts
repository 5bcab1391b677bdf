import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import { pipeline } from "node:stream/promises";

export interface ImportView {
  id: string;
  status: string;
  format: string;
  bytes: number;
  partial: boolean;
  progress: { bytes: number; records: number };
  counts: Record<string, { parsed: number; inserted: number; duplicate: number; rejected: number }>;
  rejected_records: { where: string; reason: string; record_type: string }[];
  /** Records of types the service does not read, per type. */
  skipped: Record<string, number>;
  error: { code: string; message: string } | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface BenchUser {
  userId: string;
  apiKey: string;
}

async function expectJson<T>(res: Response, expected: number[], what: string): Promise<T> {
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export async function createUser(baseUrl: string, adminToken: string): Promise<BenchUser> {
  const res = await fetch(`${baseUrl}/v1/admin/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, time_zone: "America/Los_Angeles" }),
  });
  const body = await expectJson<{ user: { id: string }; api_key: string }>(res, [201], "create user");
  return { userId: body.user.id, apiKey: body.api_key };
}

export interface UploadResult {
  importView: ImportView;
  bytes: number;
  startedAtMs: number;
  /** Request start until the 202 arrived: the body streamed to disk, hashed, sniffed and queued. */
  uploadMs: number;
}

/** POSTs the file as a raw body, streamed from disk with a Content-Length (never buffered). */
export async function uploadFile(baseUrl: string, apiKey: string, path: string, filename: string): Promise<UploadResult> {
  const { size } = await stat(path);
  const url = new URL(`${baseUrl}/v1/imports?filename=${encodeURIComponent(filename)}`);
  const startedAtMs = Date.now();
  const started = performance.now();
  const req = http.request(url, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/octet-stream", "content-length": String(size) },
  });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), req);
  const res = await response;
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const uploadMs = performance.now() - started;
  const text = Buffer.concat(chunks).toString("utf8");
  if (res.statusCode !== 202) throw new Error(`upload: HTTP ${res.statusCode} ${text.slice(0, 500)}`);
  return { importView: JSON.parse(text) as ImportView, bytes: size, startedAtMs, uploadMs };
}

export async function getImport(baseUrl: string, apiKey: string, importId: string): Promise<ImportView> {
  const res = await fetch(`${baseUrl}/v1/imports/${importId}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return expectJson<ImportView>(res, [200], "get import");
}

/** Polls until the import is completed or failed; `onPoll` sees every intermediate state. */
export async function waitForImport(
  baseUrl: string,
  apiKey: string,
  importId: string,
  opts: { timeoutMs: number; intervalMs: number; onPoll?: (view: ImportView) => void },
): Promise<ImportView> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    const view = await getImport(baseUrl, apiKey, importId);
    opts.onPoll?.(view);
    if (view.status === "completed" || view.status === "failed") return view;
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs));
  }
  throw new Error(`import ${importId} did not finish within ${opts.timeoutMs} ms`);
}

/** A JSON client for the benchmarks that drive the API as a client would. */
export interface ApiClient {
  baseUrl: string;
  /** Sends JSON (when `json` is given) with the bearer token and returns status and parsed body; throws on a non-2xx. */
  call<T>(method: string, path: string, opts?: { token?: string; json?: unknown; headers?: Record<string, string> }): Promise<T>;
}

export function createApiClient(baseUrl: string): ApiClient {
  return {
    baseUrl,
    async call<T>(method: string, path: string, opts: { token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.json !== undefined) headers["content-type"] = "application/json";
      const init = { method, headers, ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}) };
      let res: Response;
      try {
        res = await fetch(`${baseUrl}${path}`, init);
      } catch (err) {
        // A kept-alive connection the server closed just as it was reused (the server's 5 s idle timeout racing the
        // client on a loaded machine). Retried once where repeating is harmless: EPIPE means the request was never
        // read; otherwise only GETs and requests with an Idempotency-Key.
        const code = (err as { cause?: { code?: unknown } }).cause?.code;
        if (code !== "EPIPE" && method !== "GET" && headers["idempotency-key"] === undefined) throw err;
        res = await fetch(`${baseUrl}${path}`, init);
      }
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

export interface DaysAnswer {
  days: {
    date: string;
    status: string;
    burned_kcal: number | null;
    intake_kcal: number | null;
    deficit_kcal: number | null;
    steps: number | null;
    hiit_sessions: number;
  }[];
  pending: boolean;
}
