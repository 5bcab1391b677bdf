import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredImportFiles } from "../../../src/modules/imports/index.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness } from "../../helpers/harness.js";
import { type LiveService, rawRequest, startLiveService } from "../../helpers/live-service.js";
import { waitFor } from "../../helpers/process.js";

// Per-user bounds on uploads, against the real service over a socket: concurrent uploads (429), stored bytes (413),
// and the retention sweep that removes finished imports' files while keeping their rows and data.

const tcx = readFileSync(new URL("../../fixtures/tcx/togeojson__sample.tcx", import.meta.url));
const gpx = readFileSync(new URL("../../fixtures/gpx/togeojson__strava.gpx", import.meta.url));
const QUOTA_BYTES = tcx.length + gpx.length + 1_000;

let svc: LiveService;
beforeAll(async () => {
  svc = await startLiveService({
    UPLOAD_MAX_CONCURRENT_PER_USER: "2",
    UPLOAD_QUOTA_BYTES_PER_USER: String(QUOTA_BYTES),
    IMPORT_FILE_RETENTION_DAYS: "7",
  });
}, 60_000);
afterAll(async () => {
  await svc?.assertHealthy();
  await svc?.stop();
});

interface ImportAnswer {
  id: string;
  status: string;
  error: { code: string } | null;
}

function upload(apiKey: string, bytes: Buffer, query = ""): Promise<Response> {
  return fetch(`${svc.base}/v1/imports${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/octet-stream" },
    body: new Uint8Array(bytes),
  });
}

async function settled(apiKey: string, id: string): Promise<ImportAnswer> {
  return waitFor(
    async () => {
      const res = await fetch(`${svc.base}/v1/imports/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
      const body = (await res.json()) as ImportAnswer;
      return body.status === "completed" || body.status === "failed" ? body : undefined;
    },
    20_000,
    `import ${id} to settle`,
  );
}

async function expectProblem(res: Response, status: number, code: string): Promise<string> {
  const body = (await res.json()) as { code: string; detail: string };
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(body.code).toBe(code);
  return body.detail;
}

describe("concurrent uploads per user", () => {
  it("a third upload while two are still streaming is a 429 naming the limit; a slot frees when an upload ends", async () => {
    const user = await svc.createUser();
    const other = await svc.createUser();
    const head = `POST /v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${user.apiKey}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n`;
    // Two slow uploads that send a little and then stall (a slow mobile link), dropped after 3 s.
    const slow = [
      rawRequest(svc.port, head, "x".repeat(1_000), { dropAfterMs: 3_000 }),
      rawRequest(svc.port, head, "x".repeat(1_000), { dropAfterMs: 3_000 }),
    ];
    await waitFor(async () => ((await svc.tempFiles()).length === 2 ? true : undefined), 5_000, "two uploads streaming");

    const third = await upload(user.apiKey, tcx);
    const detail = await expectProblem(third, 429, "TOO_MANY_UPLOADS");
    expect(detail).toContain("2 uploads in progress");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await upload(other.apiKey, tcx)).status).toBe(202);

    await Promise.all(slow);
    await waitFor(async () => ((await svc.tempFiles()).length === 0 ? true : undefined), 5_000, "the dropped uploads' temp files to go");
    const after = await waitFor(
      async () => {
        const res = await upload(user.apiKey, tcx);
        return res.status === 429 ? undefined : res;
      },
      5_000,
      "a slot to free",
    );
    expect(after.status).toBe(202);
  });
});

describe("stored upload bytes per user", () => {
  it("an upload that would pass the quota is a 413 that stores nothing; deleting an import frees its bytes", async () => {
    const user = await svc.createUser();
    const first = (await (await upload(user.apiKey, tcx)).json()) as ImportAnswer;
    const second = (await (await upload(user.apiKey, gpx)).json()) as ImportAnswer;
    await settled(user.apiKey, first.id);
    await settled(user.apiKey, second.id);
    const filesBefore = await svc.storedFiles();

    // 1,000 bytes left: a third file of 5,000 bytes is cut off as it streams.
    const detail = await expectProblem(await upload(user.apiKey, Buffer.alloc(5_000, 0x20)), 413, "UPLOAD_QUOTA_EXCEEDED");
    expect(detail).toContain(`quota of ${QUOTA_BYTES} bytes`);
    expect(await svc.storedFiles()).toEqual(filesBefore);
    expect(await svc.tempFiles()).toEqual([]);

    const del = await fetch(`${svc.base}/v1/imports/${second.id}`, { method: "DELETE", headers: { authorization: `Bearer ${user.apiKey}` } });
    expect(del.status).toBe(204);
    // 4,082 bytes free once the deletion job has run: a 3,021-byte file is read (and refused for its content).
    const status = await waitFor(
      async () => {
        const res = await upload(user.apiKey, Buffer.from(`<?xml version="1.0"?>${" ".repeat(3_000)}`));
        return res.status === 413 ? undefined : res.status;
      },
      15_000,
      "the deleted import's bytes to be freed",
    );
    expect(status).toBe(422);
  });
});

describe("retention of finished imports' files", () => {
  let h: Harness;
  beforeAll(async () => {
    // The sweep as the imports reconciler runs it, 8 days from now: past the 7-day retention.
    h = await createHarness(
      { UPLOAD_DIR: svc.uploadDir, IMPORT_FILE_RETENTION_DAYS: "7" },
      { clock: fixedClock(new Date(Date.now() + 8 * 86_400_000).toISOString()) },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it("removes the files of completed and failed imports and keeps their rows and data; the same bytes uploaded again bring the file back", async () => {
    const user = await svc.createUser();
    const done = (await (await upload(user.apiKey, tcx)).json()) as ImportAnswer;
    const bad = (await (await upload(user.apiKey, gpx, "?format=tcx")).json()) as ImportAnswer;
    expect((await settled(user.apiKey, done.id)).status).toBe("completed");
    expect((await settled(user.apiKey, bad.id)).status).toBe("failed");
    const files = (ids: string[]) =>
      h.deps.sql<{ id: string; storage_key: string; file_removed_at: Date | null }[]>`
        select id, storage_key, file_removed_at from imports where id in ${h.deps.sql(ids)} order by id`;
    const before = await files([done.id, bad.id]);
    for (const row of before) expect(existsSync(path.join(svc.uploadDir, row.storage_key))).toBe(true);
    const [workoutsBefore] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from workouts where user_id = ${user.id}`;
    expect(workoutsBefore?.n).toBeGreaterThan(0);

    let removed = 0;
    for (let n = await sweepExpiredImportFiles(h.deps); n > 0; n = await sweepExpiredImportFiles(h.deps)) removed += n;
    expect(removed).toBeGreaterThanOrEqual(2);

    const after = await files([done.id, bad.id]);
    for (const row of after) {
      expect(row.file_removed_at).not.toBeNull();
      expect(existsSync(path.join(svc.uploadDir, row.storage_key))).toBe(false);
    }
    const [workoutsAfter] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from workouts where user_id = ${user.id}`;
    expect(workoutsAfter?.n).toBe(workoutsBefore?.n);
    const kept = await fetch(`${svc.base}/v1/imports/${done.id}`, { headers: { authorization: `Bearer ${user.apiKey}` } });
    expect(((await kept.json()) as ImportAnswer).status).toBe("completed");

    // A failed import without its file cannot be retried from it: the answer says to upload it again.
    const retry = await fetch(`${svc.base}/v1/imports/${bad.id}/retry`, { method: "POST", headers: { authorization: `Bearer ${user.apiKey}` } });
    expect(await expectProblem(retry, 409, "IMPORT_FILE_REMOVED")).toContain("upload the file again");
    // Uploading the same bytes again stores the file again and runs the failed import from it.
    const again = await upload(user.apiKey, gpx, "?format=tcx");
    expect(again.status).toBe(202);
    const [restored] = await files([bad.id]);
    expect(restored?.file_removed_at).toBeNull();
    expect(existsSync(path.join(svc.uploadDir, restored?.storage_key ?? ""))).toBe(true);
  });
});
