import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { unzip } from "../../helpers/unzip.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const lines = (text: string | undefined) =>
  (text ?? "")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("GET /v1/export", () => {
  it("streams a zip of NDJSON per table and a manifest whose counts match the database", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", weight_kg: 70 });
    const other = await h.createUser();
    const watch = { name: "Export Watch", device_type: "watch" };
    const samples = Array.from({ length: 2500 }, (_, i) => ({
      type: "steps",
      start: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      end: new Date(Date.UTC(2026, 10, 1) + i * 60_000 + 60_000).toISOString(),
      value: 10 + (i % 7),
      unit: "count",
      source: watch,
    }));
    const hr = [
      { t: "2026-11-02T07:00:00Z", bpm: 120 },
      { t: "2026-11-02T07:10:00Z", bpm: 150 },
    ];
    const workouts = [
      {
        external_id: "e1",
        activity_type: "running",
        start: "2026-11-02T07:00:00Z",
        end: "2026-11-02T07:30:00Z",
        distance_m: 5000,
        source: watch,
        heart_rate: hr,
      },
    ];
    const sync = await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples, workouts },
    });
    expect(sync.status).toBe(200);
    await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-11-02T12:00:00Z", energy_kcal: 850, name: "Pasta" },
    });
    await h.request("/v1/body-measurements", { method: "POST", key: user.apiKey, json: { measured_at: "2026-11-02T06:00:00Z", weight_kg: 69.4 } });
    await h.request("/v1/sync", {
      method: "POST",
      key: other.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: samples.slice(0, 5) },
    });

    const res = await h.request("/v1/export", { key: user.apiKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="wearsync-export-2026-11-24\.zip"/);
    const files = await unzip(Buffer.from(await res.arrayBuffer()));

    const manifest = JSON.parse(files.get("manifest.json") ?? "{}") as {
      format: string;
      version: number;
      user_id: string;
      tables: Record<string, { file: string; rows: number }>;
    };
    expect(manifest).toMatchObject({ format: "wearsync-export", version: 1, user_id: user.id });
    for (const [table, { file, rows }] of Object.entries(manifest.tables)) {
      expect(lines(files.get(file)), table).toHaveLength(rows);
    }
    const exportedSamples = lines(files.get("samples.ndjson"));
    expect(exportedSamples).toHaveLength(2500);
    expect(exportedSamples.reduce((sum, s) => sum + Number(s.value), 0)).toBe(samples.reduce((sum, s) => sum + s.value, 0));
    expect(exportedSamples.every((s) => s.user_id === user.id)).toBe(true);
    expect(lines(files.get("workouts.ndjson"))[0]).toMatchObject({ external_id: "e1", distance_m: 5000 });
    expect(lines(files.get("workout_streams.ndjson")).length).toBeGreaterThan(0);
    expect(lines(files.get("intake_entries.ndjson"))[0]).toMatchObject({ energy_kcal: 850, name: "Pasta" });
    expect(lines(files.get("body_measurements.ndjson"))[0]?.weight_kg).toBeCloseTo(69.4, 5);
    expect(lines(files.get("users.ndjson"))[0]).toMatchObject({ id: user.id, email: user.email, time_zone: "Europe/Berlin" });
    const keys = lines(files.get("api_keys.ndjson"));
    expect(keys).toHaveLength(1);
    expect(JSON.stringify(keys)).not.toMatch(/secret|hash/);
    expect(files.get("idempotency_keys.ndjson")).toBeUndefined();
    const me = await readJson(await h.request("/v1/me", { key: user.apiKey }));
    expect(me.id).toBe(user.id);
  }, 60_000);
});
