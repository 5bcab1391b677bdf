import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samples, workouts } from "../../../src/db/schema/index.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const watch = { name: "Ana's Apple Watch", device_type: "watch" };
const phone = { name: "Ana's iPhone", device_type: "phone" };

function batch() {
  return {
    samples: [
      { type: "steps", start: "2026-11-23T08:00:00+01:00", end: "2026-11-23T08:10:00+01:00", value: 900, unit: "count", source: watch },
      { type: "steps", start: "2026-11-23T08:00:00+01:00", end: "2026-11-23T08:10:00+01:00", value: 700, unit: "count", source: phone },
      { type: "active_energy", start: "2026-11-23T08:00:00+01:00", end: "2026-11-23T08:10:00+01:00", value: 209.2, unit: "kJ", source: watch },
      { type: "heart_rate", start: "2026-11-23T08:05:00+01:00", end: "2026-11-23T08:05:00+01:00", value: 400, unit: "bpm", source: watch },
      { type: "steps", start: "2026-11-23T09:00:00+01:00", end: "2026-11-23T08:00:00+01:00", value: 10, unit: "count", source: watch },
      {
        type: "body_mass",
        start: "2026-11-23T07:00:00+01:00",
        end: "2026-11-23T07:00:00+01:00",
        value: 154.3,
        unit: "lb",
        source: { name: "Scale", device_type: "scale" },
      },
      { type: "steps", start: "2026-11-23T08:00:00Z", value: 5, unit: "count", source: watch },
      "not an object",
    ],
    workouts: [
      {
        external_id: "run-1",
        activity_type: "Running",
        start: "2026-11-23T18:00:00+01:00",
        end: "2026-11-23T18:30:00+01:00",
        active_energy_kcal: 320,
        distance_m: 5000,
        source: watch,
        heart_rate: [
          { t: "2026-11-23T18:00:00+01:00", bpm: 120 },
          { t: "2026-11-23T18:15:00+01:00", bpm: 160 },
        ],
      },
    ],
  };
}

describe("POST /v1/sync", () => {
  it("stores the valid items, rejects the bad ones with index, path and reason", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: batch() });
    expect(res.status).toBe(200);
    const body = await readJson<{
      accepted: number;
      duplicate: number;
      rejected: number;
      rejected_items: { index: number; path: string; reason: string }[];
    }>(res);
    expect(body).toMatchObject({ accepted: 5, duplicate: 0, rejected: 4 });
    expect(body.rejected_items.map((r) => r.path)).toEqual(["samples[3].value", "samples[4].end", "samples[6].end", "samples[7]"]);

    const rows = await h.deps.db.select().from(samples).where(eq(samples.userId, user.id));
    expect(rows).toHaveLength(4);
    const energy = rows.find((r) => r.type === "active_energy");
    expect(energy?.value).toBeCloseTo(50, 6);
    expect(energy?.utcOffsetMin).toBe(60);
    expect(rows.find((r) => r.type === "body_mass")?.value).toBeCloseTo(154.3 * 0.45359237, 6);

    const detail = await readJson<{ workouts: { id: string }[] }>(
      await h.request("/v1/workouts?from=2026-11-23&to=2026-11-23", { key: user.apiKey }),
    );
    const workout = await readJson<Record<string, unknown>>(await h.request(`/v1/workouts/${detail.workouts[0]?.id}`, { key: user.apiKey }));
    expect(workout).toMatchObject({ activity_type: "running", active_energy_kcal: 320, hr_sample_count: 2, max_hr_bpm: 160 });
    expect(workout.heart_rate).toEqual([
      { t: "2026-11-23T18:00:00.000+01:00", bpm: 120 },
      { t: "2026-11-23T18:15:00.000+01:00", bpm: 160 },
    ]);
  });

  it("replays the first answer for the same key and body, 422 for a different body", async () => {
    const user = await h.createUser();
    const key = randomUUID();
    const first = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": key }, json: batch() });
    const firstBody = await first.text();
    const again = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": key }, json: batch() });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);

    const changed = { ...batch(), workouts: [] };
    await expectProblem(
      await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": key }, json: changed }),
      422,
      "IDEMPOTENCY_KEY_REUSED",
    );
  });

  it("a new key with the same items counts them as duplicates and stores nothing twice", async () => {
    const user = await h.createUser();
    await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: batch() });
    const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: batch() });
    expect(await readJson(res)).toMatchObject({ accepted: 0, duplicate: 5, rejected: 4 });
    expect(await h.deps.db.select().from(samples).where(eq(samples.userId, user.id))).toHaveLength(4);
    expect(await h.deps.db.select().from(workouts).where(eq(workouts.userId, user.id))).toHaveLength(1);
  });

  it("requires an Idempotency-Key and a JSON object with known fields", async () => {
    const user = await h.createUser();
    await expectProblem(await h.request("/v1/sync", { method: "POST", key: user.apiKey, json: batch() }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    const bad = await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: [], extra: 1 },
    });
    await expectProblem(bad, 400, "VALIDATION_FAILED");
  });
});

describe("POST /v1/integrations/health-auto-export", () => {
  it("accepts the app's payload as it sends it, and a re-sent window adds nothing", async () => {
    const user = await h.createUser();
    const { readFileSync } = await import("node:fs");
    const payload = JSON.parse(
      readFileSync(new URL("../../fixtures/health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json", import.meta.url), "utf8"),
    ) as unknown;
    const first = await readJson<{ accepted: number; duplicate: number }>(
      await h.request("/v1/integrations/health-auto-export", { method: "POST", key: user.apiKey, json: payload }),
    );
    expect(first.accepted).toBeGreaterThanOrEqual(1);
    const stored = await h.deps.db.select().from(workouts).where(eq(workouts.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.activityType).toBe("walking");
    expect(stored[0]?.activeEnergyKcal).toBeCloseTo(226.21122641832523 / 4.184, 6);
    const again = await readJson<{ accepted: number; duplicate: number }>(
      await h.request("/v1/integrations/health-auto-export", { method: "POST", key: user.apiKey, json: payload }),
    );
    expect(again).toMatchObject({ accepted: 0, duplicate: first.accepted });
  });

  it("answers 422 for JSON that is not a Health Auto Export payload", async () => {
    const user = await h.createUser();
    const res = await h.request("/v1/integrations/health-auto-export", { method: "POST", key: user.apiKey, json: { data: "nope" } });
    await expectProblem(res, 422);
  });
});
