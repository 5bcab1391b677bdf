import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Harness } from "./harness.js";
import { waitFor } from "./process.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function fixture(relativePath: string): Buffer {
  return readFileSync(`${FIXTURES}${relativePath}`);
}

export interface ImportBody {
  id: string;
  status: string;
  format: string;
  sha256: string;
  bytes: number;
  partial: boolean;
  partial_reason: string | null;
  progress: { bytes: number; records: number; total_bytes: number | null; percent: number | null };
  counts: Record<string, { parsed: number; inserted: number; duplicate: number; rejected: number }>;
  rejected_records: { where: string; reason: string; record_type: string }[];
  skipped: Record<string, number>;
  error: { code: string; message: string } | null;
}

export async function upload(h: Harness, key: string, body: Buffer, query = ""): Promise<Response> {
  return h.request(`/v1/imports${query}`, {
    method: "POST",
    key,
    headers: { "content-type": "application/octet-stream", "content-length": String(body.length) },
    body: new Uint8Array(body),
  });
}

/** Waits for an import to reach a terminal state and returns it. */
export async function settledImport(h: Harness, key: string, importId: string, timeoutMs = 20_000): Promise<ImportBody> {
  return waitFor(
    async () => {
      const res = await h.request(`/v1/imports/${importId}`, { key });
      const body = (await res.json()) as ImportBody;
      return body.status === "completed" || body.status === "failed" ? body : undefined;
    },
    timeoutMs,
    `import ${importId} to settle`,
  );
}

/** Uploads a file as the user and waits for its import to settle (completed or failed). */
export async function uploadSettled(h: Harness, user: { apiKey: string }, body: Buffer, query = ""): Promise<ImportBody> {
  const queued = (await (await upload(h, user.apiKey, body, query)).json()) as ImportBody;
  return settledImport(h, user.apiKey, queued.id);
}
