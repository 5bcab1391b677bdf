import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

describe("unit_system and pounds", () => {
  it("a new profile is metric: kg only, rounded to 0.01 kg", async () => {
    const user = await h.createUser({ weight_kg: 81.23456 });
    const me = await readJson(await h.request("/v1/me", { key: user.apiKey }));
    expect(me.unit_system).toBe("metric");
    expect(me.weight_kg).toBe(81.23);
    expect(me).not.toHaveProperty("weight_lb");
  });

  it("imperial: weight_lb in, kg stored, both shown; a weigh-in in lb reads back as entered", async () => {
    const user = await h.createUser();
    const patched = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { unit_system: "imperial", weight_lb: 154.3 } });
    expect(patched.status).toBe(200);
    const me = await readJson(patched);
    // 154.3 lb × 0.45359237 = 69.9893… kg
    expect(me).toMatchObject({ unit_system: "imperial", weight_kg: 69.99, weight_lb: 154.3 });

    const weighIn = await h.request("/v1/body-measurements", {
      method: "POST",
      key: user.apiKey,
      json: { measured_at: "2026-11-23T07:00:00+01:00", weight_lb: 180 },
    });
    expect(weighIn.status).toBe(201);
    // 180 lb = 81.6466266 kg
    expect(await readJson(weighIn)).toMatchObject({ weight_kg: 81.65, weight_lb: 180 });
    const list = await readJson<{ measurements: { weight_lb: number }[]; trend: { trend_weight_lb: number; trend_weight_kg: number }[] }>(
      await h.request("/v1/body-measurements?from=2026-11-01&to=2026-11-24", { key: user.apiKey }),
    );
    expect(list.measurements[0]?.weight_lb).toBe(180);
    expect(list.trend[0]).toMatchObject({ trend_weight_kg: 81.65, trend_weight_lb: 180 });

    const back = await readJson(await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { unit_system: "metric" } }));
    expect(back).not.toHaveProperty("weight_lb");
    const metricList = await readJson<{ measurements: Record<string, unknown>[] }>(
      await h.request("/v1/body-measurements?from=2026-11-01&to=2026-11-24", { key: user.apiKey }),
    );
    expect(metricList.measurements[0]).not.toHaveProperty("weight_lb");
  });

  it("refuses both units at once, an unknown system, and pounds out of range", async () => {
    const user = await h.createUser();
    const both = await expectProblem(
      await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { weight_kg: 70, weight_lb: 154 } }),
      400,
      "VALIDATION_FAILED",
    );
    expect(JSON.stringify(both.errors)).toContain("weight_lb");
    await expectProblem(
      await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { unit_system: "furlongs" } }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { weight_lb: 30 } }), 400, "VALIDATION_FAILED");
    await expectProblem(await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { unit_system: null } }), 400, "VALIDATION_FAILED");
  });

  it("the admin create takes unit_system and weight_lb", async () => {
    const user = await h.createUser({ unit_system: "imperial", weight_lb: 200 });
    expect(await readJson(await h.request("/v1/me", { key: user.apiKey }))).toMatchObject({
      unit_system: "imperial",
      weight_kg: 90.72,
      weight_lb: 200,
    });
  });
});
