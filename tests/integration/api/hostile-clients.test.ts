import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveService, rawRequest, startLiveService } from "../../helpers/live-service.js";
import { waitFor } from "../../helpers/process.js";

// Each finding of a probe from outside, as a client with a key would send it: over a real socket, to the real
// service running as its own process. After every test the process must still be up and its last-resort
// handlers (uncaught exception, unhandled rejection) must never have fired.

let svc: LiveService;
let key: string;
const tcx = readFileSync(new URL("../../fixtures/tcx/togeojson__sample.tcx", import.meta.url));

beforeAll(async () => {
  svc = await startLiveService();
  key = (await svc.createUser()).apiKey;
}, 60_000);
afterAll(async () => {
  await svc?.assertHealthy();
  await svc?.stop();
});

async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (!headers.has("authorization")) headers.set("authorization", `Bearer ${key}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  return fetch(`${svc.base}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

/** Asserts a 4xx RFC 9457 answer with the given status and code, returning its body. */
async function problem(
  res: Response,
  status: number,
  code?: string,
): Promise<{ code: string; detail: string; errors?: { path: string; message: string }[] }> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as { code: string; detail: string; status: number };
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body;
}

const noTempFilesLeft = () =>
  waitFor(async () => ((await svc.tempFiles()).length === 0 ? true : undefined), 5_000, "the upload temp folder to be empty");

describe("dates: one documented range, 1900-01-01 … 2100-12-31, checked at the edge", () => {
  it("GET /v1/days and /v1/summary for 9999-12-31 answer 400 at once instead of looping until the heap is gone", async () => {
    for (const route of ["/v1/days", "/v1/summary"]) {
      const started = performance.now();
      const body = await problem(await call(`${route}?from=9999-12-31&to=9999-12-31`), 400, "VALIDATION_FAILED");
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(body.errors?.map((e) => e.message).join(" ")).toContain("1900-01-01 to 2100-12-31");
    }
    await svc.assertHealthy();
  });

  it("year 0000 and dates just outside the range are 400 in query, path and body; the range's ends are accepted", async () => {
    await problem(await call("/v1/days?from=0000-01-01&to=0000-01-02"), 400, "VALIDATION_FAILED");
    await problem(await call("/v1/days/0000-01-01"), 400, "VALIDATION_FAILED");
    await problem(await call("/v1/days?from=1899-12-31&to=1900-01-01"), 400, "VALIDATION_FAILED");
    await problem(await call("/v1/workouts?from=2100-12-31&to=2101-01-01"), 400, "VALIDATION_FAILED");
    expect((await call("/v1/days?from=1900-01-01&to=1900-01-02")).status).toBe(200);
    const last = await call("/v1/days?from=2100-12-30&to=2100-12-31");
    expect(last.status).toBe(200);
    expect(((await last.json()) as { days: { date: string }[] }).days.map((d) => d.date)).toEqual(["2100-12-30", "2100-12-31"]);
    await problem(await call("/v1/me", { method: "PATCH", json: { birth_date: "0000-01-01" } }), 400, "VALIDATION_FAILED");
    await problem(
      await call("/v1/intake", { method: "POST", json: { consumed_at: "0011-10-04T08:00:00+01:00", energy_kcal: 300 } }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("PUT /v1/days/0011-10-04/intake-status is refused at the door, not accepted and then failing its job", async () => {
    await problem(await call("/v1/days/0011-10-04/intake-status", { method: "PUT", json: { status: "fasted" } }), 400, "VALIDATION_FAILED");
  });

  it("the range's first day is a day like any other: its intake status is taken and its recompute job succeeds", async () => {
    const user = await svc.createUser();
    const asUser = { authorization: `Bearer ${user.apiKey}` };
    expect((await call("/v1/me", { method: "PATCH", headers: asUser, json: { time_zone: "Europe/Berlin" } })).status).toBe(200);
    const put = await call("/v1/days/1900-01-01/intake-status", { method: "PUT", headers: asUser, json: { status: "fasted" } });
    expect([200, 201]).toContain(put.status);
    const day = await waitFor(
      async () => {
        const body = (await (await call("/v1/days?from=1900-01-01&to=1900-01-01", { headers: asUser })).json()) as {
          pending: boolean;
          days: { date: string; intake_status: string }[];
        };
        return body.pending ? undefined : body.days[0];
      },
      15_000,
      "the recompute of 1900-01-01",
    );
    expect(day).toMatchObject({ date: "1900-01-01", intake_status: "fasted" });
    const log = svc.proc.stdout();
    expect(log).not.toMatch(/"jobName":"energy\.recompute[^"]*"[^\n]*"outcome":"failed"/);
  });

  it("a sync item dated year 9999 is rejected on its own, the good item kept", async () => {
    const source = { name: "Watch", device_type: "watch" };
    const res = await call("/v1/sync", {
      method: "POST",
      headers: { "idempotency-key": randomUUID() },
      json: {
        samples: [
          { type: "steps", start: "2026-11-23T08:00:00+01:00", end: "2026-11-23T08:10:00+01:00", value: 900, unit: "count", source },
          { type: "steps", start: "9999-12-31T08:00:00+01:00", end: "9999-12-31T08:10:00+01:00", value: 900, unit: "count", source },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: number; rejected_items: { index: number; reason: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toBe(1);
    expect(body.rejected_items[0]?.reason).toContain("1900-01-01 to 2100-12-31");
  });
});

describe("interrupted uploads fail the upload, never the process, and leave no temp file", () => {
  const multipartHead = (length: number) =>
    `POST /v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key}\r\nContent-Type: multipart/form-data; boundary=XBOUNDARY\r\nConnection: close\r\nContent-Length: ${length}\r\n\r\n`;
  const filePart = (field: string) =>
    `--XBOUNDARY\r\nContent-Disposition: form-data; name="${field}"; filename="run.tcx"\r\nContent-Type: application/octet-stream\r\n\r\n`;

  it("a client that drops the connection mid-multipart-upload", async () => {
    for (let i = 0; i < 3; i++) {
      await rawRequest(svc.port, multipartHead(1_000_000), filePart("file") + "x".repeat(20_000), { dropAfterMs: 200 });
    }
    await noTempFilesLeft();
    await svc.assertHealthy();
  });

  it("a client that drops mid-upload of a raw body", async () => {
    const head = `POST /v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n`;
    await rawRequest(svc.port, head, tcx.subarray(0, 2_000), { dropAfterMs: 200 });
    await noTempFilesLeft();
    await svc.assertHealthy();
  });

  it("a multipart body whose closing boundary never comes is a 400", async () => {
    const body = filePart("file") + "x".repeat(5_000);
    const answer = await rawRequest(svc.port, multipartHead(body.length), body);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"UPLOAD_INCOMPLETE"');
    await noTempFilesLeft();
    await svc.assertHealthy();
  });

  it("a truncated part nobody reads (not the `file` field) is a 400, not an unhandled error event", async () => {
    const body = filePart("attachment") + "x".repeat(5_000);
    const answer = await rawRequest(svc.port, multipartHead(body.length), body);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await svc.assertHealthy();
  });

  it("after all that, a whole upload still works", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(tcx)]), "run.tcx");
    const res = await call("/v1/imports", { method: "POST", body: form });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { format: string }).format).toBe("tcx");
  });
});

describe("control characters, ids beyond their column, tampered cursors and deep JSON are 400s", () => {
  it("NUL in a path id, a query value and a JSON text field", async () => {
    await problem(await call("/v1/imports/imp%00x"), 400, "CONTROL_CHARACTER");
    await problem(await call("/v1/workouts/wkt_%01"), 400, "CONTROL_CHARACTER");
    await problem(await call("/v1/samples?from=2026-11-01&to=2026-11-02&type=steps%00"), 400, "CONTROL_CHARACTER");
    await problem(
      await call("/v1/intake", { method: "POST", json: { name: "soup\u0000", consumed_at: "2026-11-24T08:00:00+01:00", energy_kcal: 300 } }),
      400,
      "CONTROL_CHARACTER",
    );
    await problem(await call("/v1/api-keys", { method: "POST", json: { name: "phone\u001b[31m" } }), 400, "CONTROL_CHARACTER");
    // Tab and line breaks are ordinary in text: not refused.
    const ok = await call("/v1/intake", {
      method: "POST",
      json: { name: "soup\tand bread", consumed_at: "2026-11-24T08:00:00+01:00", energy_kcal: 300 },
    });
    expect(ok.status).toBe(201);
  });

  it("NUL in ?filename= or in a multipart file name is a 400 that stores no file and no import", async () => {
    const user = await svc.createUser();
    const asUser = { authorization: `Bearer ${user.apiKey}` };
    const before = await svc.storedFiles();
    const raw = await call("/v1/imports?filename=run%00.tcx", {
      method: "POST",
      headers: { ...asUser, "content-type": "application/octet-stream" },
      body: new Uint8Array(tcx),
    });
    await problem(raw, 400, "CONTROL_CHARACTER");
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(tcx)]), "run\u0001.tcx");
    await problem(await call("/v1/imports", { method: "POST", headers: asUser, body: form }), 400, "CONTROL_CHARACTER");
    expect(await svc.storedFiles()).toEqual(before);
    await noTempFilesLeft();
    const list = (await (await call("/v1/imports", { headers: asUser })).json()) as { imports: unknown[] };
    expect(list.imports).toHaveLength(0);
  });

  it("malformed percent-encoding in the path or query is a 400", async () => {
    await problem(await call("/v1/imports/%E0%A4%A"), 400, "INVALID_PATH");
    await problem(await call("/v1/imports?cursor=%FF"), 400, "INVALID_QUERY");
  });

  it("PATCH /v1/sources/2147483648 (past int4) is a 400; an unknown id in range a 404", async () => {
    await problem(await call("/v1/sources/2147483648", { method: "PATCH", json: { priority: 1 } }), 400, "VALIDATION_FAILED");
    await problem(await call("/v1/sources/99999999999999999999", { method: "PATCH", json: { priority: 1 } }), 400, "VALIDATION_FAILED");
    await problem(await call("/v1/sources/2147483647", { method: "PATCH", json: { priority: 1 } }), 404, "NOT_FOUND");
  });

  it("tampered cursors on every list route are 400 INVALID_CURSOR", async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
    const tampered = [
      cursor(["x", "y"]),
      cursor(["0000-01-01T00:00:00.000Z", "imp_1"]),
      cursor(["2026-13-45T00:00:00.000Z", "imp_1"]),
      cursor(["2026-11-24T08:00:00.000Z", "imp_\u0000"]),
      cursor(["2026-11-24T08:00:00.000Z", "x'; drop table imports; --"]),
      cursor({ sortKey: "2026-11-24T08:00:00.000Z" }),
      "not base64!",
      "e30",
    ];
    const routes = [
      "/v1/imports?",
      "/v1/api-keys?",
      "/v1/intake?from=2026-11-01&to=2026-11-30&",
      "/v1/workouts?from=2026-11-01&to=2026-11-30&",
      "/v1/samples?from=2026-11-01&to=2026-11-30&",
    ];
    const samplesOnly = [
      cursor(["2026-11-24T08:00:00.000Z", "steps|2147483648|2026-11-24T08:10:00.000Z"]),
      cursor(["2026-11-24T08:00:00.000Z", "nope|1|2026-11-24T08:10:00.000Z"]),
      cursor(["2026-11-24T08:00:00.000Z", "steps|1|0000-01-01T00:00:00.000Z"]),
      cursor(["2026-11-24T08:00:00.000Z", "imp_1"]),
    ];
    for (const route of routes) {
      for (const value of route.startsWith("/v1/samples") ? [...tampered, ...samplesOnly] : tampered) {
        const res = await call(`${route}cursor=${encodeURIComponent(value)}`);
        const body = await problem(res, 400);
        expect(["INVALID_CURSOR", "VALIDATION_FAILED"], `${route} ${value}`).toContain(body.code);
      }
    }
  });

  it("100,000-deep JSON on /v1/sync (and any JSON route) is a 400, not a stack overflow", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    for (const route of ["/v1/sync", "/v1/intake", "/v1/integrations/health-auto-export"]) {
      const res = await call(route, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, body: deep });
      await problem(res, 400, "JSON_TOO_DEEP");
    }
    const deepObject = `{"samples":[${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}]}`;
    await problem(
      await call("/v1/sync", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, body: deepObject }),
      400,
      "JSON_TOO_DEEP",
    );
    await svc.assertHealthy();
  });

  it("hr_rest_bpm above hr_max_bpm is a 400, in one request or across two", async () => {
    const body = await problem(await call("/v1/me", { method: "PATCH", json: { hr_rest_bpm: 110, hr_max_bpm: 105 } }), 400, "VALIDATION_FAILED");
    expect(body.errors?.[0]?.path).toBe("hr_rest_bpm");
    expect((await call("/v1/me", { method: "PATCH", json: { hr_max_bpm: 180 } })).status).toBe(200);
    await problem(await call("/v1/me", { method: "PATCH", json: { hr_rest_bpm: 181 } }), 400, "VALIDATION_FAILED");
  });
});
