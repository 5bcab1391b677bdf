import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultStack, startFaultStack } from "../helpers/fault-stack.js";
import { waitFor } from "../helpers/process.js";
import { type SyntheticExport, writeSyntheticStepsExport } from "../helpers/synthetic-export.js";

// Postgres goes away for 20 s while an import is being written. Whether the import job's own attempts outlast the
// outage or BullMQ keeps it as failed (then the reconciler removes and re-adds it; tests/integration/imports/
// reconcile.test.ts covers that path step by step), the import must end `completed` with exactly the file's rows,
// the process must stay up, and meanwhile the API answers 503 with Retry-After instead of 500s or hanging requests.

const OUTAGE_MS = 20_000;
const RECORDS = 250_000;

let dir: string;
let file: SyntheticExport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wearsync-faults-export-"));
  file = await writeSyntheticStepsExport(join(dir, "export.xml"), RECORDS);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface ImportBody {
  id: string;
  status: string;
  progress: { records: number };
  counts: Record<string, { inserted: number; duplicate: number }>;
  error: { code: string; message: string } | null;
}

async function uploadExport(stack: FaultStack, apiKey: string) {
  return stack.upload(apiKey, new Uint8Array(readFileSync(file.path)));
}

async function importStatus(stack: FaultStack, apiKey: string, id: string): Promise<ImportBody> {
  return (await (await stack.api(`/v1/imports/${id}`, { key: apiKey })).json()) as ImportBody;
}

/** Uploads the export, waits until rows are being written, then stops Postgres for OUTAGE_MS. */
async function outageMidImport(stack: FaultStack, apiKey: string): Promise<string> {
  const res = await uploadExport(stack, apiKey);
  expect(res.status).toBe(202);
  const { id } = res.body;
  await waitFor(
    async () => {
      const body = await importStatus(stack, apiKey, id);
      return body.status === "processing" && body.progress.records > 0 ? true : undefined;
    },
    60_000,
    "the import to be writing rows",
  );
  await stack.pg.stop();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  await stack.pg.start();
  return id;
}

async function settled(stack: FaultStack, apiKey: string, id: string): Promise<ImportBody> {
  return waitFor(
    async () => {
      const body = await importStatus(stack, apiKey, id);
      return body.status === "completed" || body.status === "failed" ? body : undefined;
    },
    120_000,
    "the import to finish",
  );
}

/** Sum of the steps of every computed day, once no recompute is pending. */
async function stepsOnDays(stack: FaultStack, apiKey: string): Promise<number> {
  return waitFor(
    async () => {
      let total = 0;
      for (const [from, to] of [
        ["2024-12-31", "2025-06-30"],
        ["2025-07-01", "2025-12-31"],
      ]) {
        const body = (await (await stack.api(`/v1/days?from=${from}&to=${to}`, { key: apiKey })).json()) as {
          pending: boolean;
          days: { steps: number | null }[];
        };
        if (body.pending) return undefined;
        total += body.days.reduce((sum, d) => sum + (d.steps ?? 0), 0);
      }
      return total;
    },
    90_000,
    "the days to be recomputed",
  );
}

describe("a 20 s Postgres outage", () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("answers 503 problem+json with Retry-After within 5 s while down, and serves again once it is back", async () => {
    const user = await stack.createUser();
    await stack.pg.stop();
    try {
      const cases = [
        stack.api("/v1/days?from=2026-01-01&to=2026-01-31", { key: user.apiKey }),
        stack.api("/v1/intake", { method: "POST", key: user.apiKey, json: { consumed_at: "2026-01-10T08:00:00+01:00", energy_kcal: 420 } }),
        stack.api("/v1/imports", { key: user.apiKey }),
      ];
      for (const res of await Promise.all(cases)) {
        expect(res.status).toBe(503);
        expect(res.elapsedMs).toBeLessThan(5_000);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        const body = (await res.json()) as { code: string; detail: string };
        expect(body.code).toBe("SERVICE_UNAVAILABLE");
        expect(body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select|insert/i);
      }
      const readyz = await stack.api("/readyz");
      expect(readyz.status).toBe(503);
      expect(await readyz.json()).toMatchObject({ checks: { postgres: "unreachable", redis: "ok" } });
      expect((await stack.api("/healthz")).status).toBe(200);
    } finally {
      await stack.pg.start();
    }
    const back = await waitFor(
      async () => {
        const res = await stack.api("/v1/days?from=2026-01-01&to=2026-01-31", { key: user.apiKey });
        return res.status === 200 ? res : undefined;
      },
      30_000,
      "the API to serve again",
    );
    expect(back.status).toBe(200);
  }, 60_000);

  it("does not leave an import processing: it ends completed, with exactly the file's rows and days", async () => {
    const user = await stack.createUser();
    const id = await outageMidImport(stack, user.apiKey);
    const done = await settled(stack, user.apiKey, id);
    expect(done.status).toBe("completed");
    const steps = done.counts.steps;
    expect((steps?.inserted ?? 0) + (steps?.duplicate ?? 0)).toBe(RECORDS);
    expect(await stepsOnDays(stack, user.apiKey)).toBe(file.stepsTotal);
    // The service rode it out: no uncaught exception (the driver's write on a dropped socket used to be one).
    expect(stack.log()).not.toContain("uncaught-exception");

    // Re-uploading the same bytes answers with that import, not a second one.
    const again = await uploadExport(stack, user.apiKey);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: "completed" });
  }, 240_000);
});
