import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveService, startLiveService } from "../../helpers/live-service.js";

// Random hostile inputs thrown at the routes of the real service over a socket. Whatever comes in, the answer is a
// 2xx or a 4xx problem+json (never a 5xx, never a hang) and the process stays up. The seed is fixed, so a failure
// reproduces; the run count keeps the file to seconds.

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);

let svc: LiveService;
let key: string;
beforeAll(async () => {
  svc = await startLiveService({ RATE_LIMIT_PER_MINUTE: "100000" });
  key = (await svc.createUser()).apiKey;
}, 60_000);
afterAll(async () => {
  await svc?.assertHealthy();
  await svc?.stop();
});

/** Percent-encodes every byte of the text's UTF-8 (lone surrogates included, as U+FFFD), or leaves raw junk as is. */
const asUrlPart = (text: string) => [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

const edgeTexts = [
  "9999-12-31",
  "0000-01-01",
  "+010000-01-01",
  "1899-12-31",
  "2100-12-31",
  "2026-02-30",
  "2147483648",
  "-1",
  "1e309",
  "NaN",
  "\u0000",
  "a\u0000b",
  "\u001b[2J",
  "\u0085",
  "\uffff",
  "../../etc/passwd",
  "' or 1=1 --",
  "imp_06h0rnta7f4sezdsb39rs3kgvg",
  "W10",
  "WyJ4IiwieSJd",
  "",
  " ",
  "x".repeat(5_000),
];

const hostileText = fc.oneof(
  fc.constantFrom(...edgeTexts),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.date({ min: new Date(-62_198_755_200_000), max: new Date(253_402_300_799_999), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.integer().map(String),
);

/** A raw, possibly malformed percent sequence, or the hostile text properly encoded. */
const urlPart = fc.oneof(hostileText.map(asUrlPart), fc.constantFrom("%FF", "%E0%A4%A", "%", "%zz", "%C0%80"));

const jsonValue = fc.oneof(
  hostileText,
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 50, max: 2_000 }).map((n) => JSON.parse(`${"[".repeat(n)}${"]".repeat(n)}`) as unknown),
);

interface Probe {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

const probes: fc.Arbitrary<Probe> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("/v1/days", "/v1/summary", "/v1/workouts", "/v1/hiit-sessions", "/v1/body-measurements", "/v1/projections/weekly"),
      urlPart,
      urlPart,
    )
    .map(([route, from, to]) => ({ method: "GET", path: `${route}?from=${from}&to=${to}` })),
  fc.tuple(fc.constantFrom("/v1/days/", "/v1/imports/", "/v1/workouts/", "/v1/intake/", "/v1/body-measurements/"), urlPart).map(([route, id]) => ({
    method: "GET",
    path: `${route}${id}`,
  })),
  fc
    .tuple(
      fc.constantFrom("/v1/imports?", "/v1/api-keys?", "/v1/intake?from=2026-11-01&to=2026-11-30&", "/v1/samples?from=2026-11-01&to=2026-11-30&"),
      urlPart,
      urlPart,
    )
    .map(([route, cursor, limit]) => ({ method: "GET", path: `${route}cursor=${cursor}&limit=${limit}` })),
  fc.tuple(urlPart, jsonValue).map(([id, priority]) => ({ method: "PATCH", path: `/v1/sources/${id}`, body: JSON.stringify({ priority }) })),
  fc.tuple(urlPart, jsonValue).map(([date, status]) => ({ method: "PUT", path: `/v1/days/${date}/intake-status`, body: JSON.stringify({ status }) })),
  fc.tuple(jsonValue, jsonValue, jsonValue).map(([name, consumedAt, kcal]) => ({
    method: "POST",
    path: "/v1/intake",
    body: JSON.stringify({ name, consumed_at: consumedAt, energy_kcal: kcal }),
  })),
  fc.tuple(jsonValue, jsonValue, jsonValue).map(([birth, rest, max]) => ({
    method: "PATCH",
    path: "/v1/me",
    body: JSON.stringify({ birth_date: birth, hr_rest_bpm: rest, hr_max_bpm: max }),
  })),
  fc.tuple(jsonValue, jsonValue, jsonValue).map(([type, start, value]) => ({
    method: "POST",
    path: "/v1/sync",
    body: JSON.stringify({ samples: [{ type, start, end: start, value, unit: "count", source: { name: type, device_type: "watch" } }] }),
  })),
  fc
    .tuple(fc.constantFrom("/v1/sync", "/v1/intake", "/v1/me", "/v1/integrations/health-auto-export"), fc.string({ unit: "binary", maxLength: 200 }))
    .map(([path, body]) => ({ method: path === "/v1/me" ? "PATCH" : "POST", path, body })),
  fc.tuple(urlPart, fc.string({ unit: "binary", maxLength: 300 })).map(([filename, body]) => ({
    method: "POST",
    path: `/v1/imports?filename=${filename}`,
    body,
    contentType: "application/octet-stream",
  })),
);

describe("random hostile inputs over a socket", () => {
  it(`${RUNS} random requests: each answers 2xx or a 4xx problem+json within 5 s, and the service stays up`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        const res = await fetch(`${svc.base}${probe.path}`, {
          method: probe.method,
          headers: {
            authorization: `Bearer ${key}`,
            "idempotency-key": randomUUID(),
            ...(probe.body !== undefined ? { "content-type": probe.contentType ?? "application/json" } : {}),
          },
          ...(probe.body !== undefined ? { body: probe.body } : {}),
          signal: AbortSignal.timeout(5_000),
        });
        const text = await res.text();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status, `${probe.method} ${probe.path} -> ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get("content-type"), `${probe.method} ${probe.path}`).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text) as { status: number; detail: string };
          expect(problem.status).toBe(res.status);
          expect(problem.detail.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The inputs were hostile: most must have been refused, not silently taken.
    const refused = [...seen].filter(([status]) => status >= 400).reduce((sum, [, n]) => sum + n, 0);
    expect(refused).toBeGreaterThan(RUNS / 2);
    await svc.assertHealthy();
  }, 120_000);
});
