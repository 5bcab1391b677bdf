import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulationPerson, simulate } from "../../../src/domain/projections/simulation.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-12-01T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

// TV-H H1: male, 35 y, 1.80 m, 90 kg, PAL 1.6 → RMR 1856.9, EI₀ 2971.04, F₀ 22.49 (Jackson).
const H1_BODY = { sex: "male", age_years: 35, height_cm: 180, weight_kg: 90, pal: 1.6 };
const H1_PROFILE = { sex: "male", birth_date: "1991-06-15", height_cm: 180, weight_kg: 90, time_zone: "Europe/Berlin" };
const H1B_WEEKLY_KG = [90.0, 89.223, 88.834, 88.464, 88.108, 87.761, 87.423, 87.092, 86.767, 86.448, 86.134, 85.825, 85.522];

interface Simulation {
  rmr_kcal: number;
  maintenance_intake_kcal: number;
  intake_kcal: number;
  inputs: Record<string, unknown>;
  models: {
    dynamic: { week: number; weight_kg: number; fat_mass_kg: number; lean_mass_kg: number }[];
    rule3500: { week: number; weight_kg: number }[];
  };
  flags: string[];
  required_intake_kcal?: number;
  maintenance_after_kcal?: number;
}

function post(user: TestUser | null, json: unknown) {
  return h.request("/v1/projections/simulate", { method: "POST", ...(user ? { key: user.apiKey } : {}), json });
}

async function simulated(user: TestUser, json: unknown): Promise<Simulation> {
  const res = await post(user, json);
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return readJson<Simulation>(res);
}

function expectH1b(body: Simulation): void {
  expect(body.rmr_kcal).toBe(1857);
  expect(body.maintenance_intake_kcal).toBe(2971);
  expect(body.models.dynamic.map((p) => p.week)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  body.models.dynamic.forEach((p, i) => {
    expect(Math.abs(p.weight_kg - (H1B_WEEKLY_KG[i] ?? 0))).toBeLessThanOrEqual(0.01);
  });
  expect(body.models.dynamic[0]?.fat_mass_kg).toBeCloseTo(22.49, 2);
  // TV-H: the 3,500-kcal rule at −500 kcal/day loses 1.814 kg by day 28 and 5.443 kg by day 84.
  expect(body.models.rule3500[4]?.weight_kg).toBeCloseTo(90 - 1.814, 2);
  expect(body.models.rule3500[12]?.weight_kg).toBeCloseTo(90 - 5.443, 2);
}

describe("POST /v1/projections/simulate", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await h.createUser(H1_PROFILE);
  });

  it("intake_change_kcal −500 reproduces TV-H H1b", async () => {
    const body = await simulated(user, { ...H1_BODY, weeks: 12, intake_change_kcal: -500 });
    expectH1b(body);
    expect(body.intake_kcal).toBe(2471);
    expect(body.inputs).toMatchObject({ weight_source: "request", body_fat_source: "jackson-2002", pal: 1.6, weeks: 12 });
    expect(body).not.toHaveProperty("required_intake_kcal");
  });

  it("intake_kcal 2471.04 is the same run", async () => {
    expectH1b(await simulated(user, { ...H1_BODY, weeks: 12, intake_kcal: 2471.04 }));
  });

  it("a target weight gives the required intake and the maintenance after, as the pure model does", async () => {
    const body = await simulated(user, { ...H1_BODY, weeks: 12, target_weight_kg: 85.522, target_days: 84 });
    expectH1b(body);
    const person: SimulationPerson = {
      sex: "male",
      ageYears: 35,
      heightCm: 180,
      weightKg: 90,
      bodyFatPercent: null,
      energy: { physicalActivityLevel: 1.6 },
    };
    const expected = simulate(person, { kind: "target", targetWeightKg: 85.522, targetDays: 84 }, 12);
    if (!expected.ok) throw new Error("expected a reachable target");
    expect(body.required_intake_kcal).toBe(Math.round(expected.result.target?.requiredIntakeKcal ?? 0));
    expect(Math.abs((body.required_intake_kcal ?? 0) - 2471.04)).toBeLessThan(3);
    expect(body.maintenance_after_kcal).toBe(Math.round(expected.result.target?.maintenanceAfterKcal ?? 0));
  });

  it("takes every omitted body field from the profile (age on today's local date)", async () => {
    const body = await simulated(user, { weeks: 12, intake_change_kcal: -500 });
    expectH1b(body);
    expect(body.inputs).toMatchObject({
      sex: "male",
      age_years: 35,
      height_cm: 180,
      weight_kg: 90,
      weight_source: "profile",
      body_fat_source: "jackson-2002",
      pal: 1.6,
    });
  });

  it("prefers the latest weigh-in and its body fat; a requested weight is simulated with Jackson", async () => {
    const scaleUser = await h.createUser(H1_PROFILE);
    const scale = { name: "Scale", device_type: "scale" };
    const res = await h.request("/v1/sync", {
      method: "POST",
      key: scaleUser.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: {
        samples: [
          { type: "body_mass", start: "2026-11-30T07:00:00+01:00", end: "2026-11-30T07:00:00+01:00", value: 88, unit: "kg", source: scale },
          { type: "body_fat_percentage", start: "2026-11-30T07:00:00+01:00", end: "2026-11-30T07:00:00+01:00", value: 20, unit: "%", source: scale },
        ],
      },
    });
    expect(res.status).toBe(200);
    const own = await simulated(scaleUser, { weeks: 4, intake_change_kcal: -300 });
    expect(own.inputs).toMatchObject({ weight_kg: 88, weight_source: "measured", body_fat_pct: 20, body_fat_source: "measured" });
    expect(own.models.dynamic[0]?.fat_mass_kg).toBeCloseTo(17.6, 9);
    const other = await simulated(scaleUser, { weight_kg: 100, weeks: 4, intake_change_kcal: -300 });
    expect(other.inputs).toMatchObject({ weight_kg: 100, weight_source: "request", body_fat_source: "jackson-2002" });
  });

  it("an unreachable target is 422 TARGET_UNREACHABLE with the reason", async () => {
    const problem = await expectProblem(await post(user, { ...H1_BODY, weeks: 4, target_weight_kg: 40, target_days: 7 }), 422, "TARGET_UNREACHABLE");
    expect(problem.detail).toMatch(/even eating nothing/);
  });

  it("an intake change below zero intake is 422 MODEL_OUT_OF_RANGE", async () => {
    await expectProblem(await post(user, { ...H1_BODY, weeks: 4, intake_change_kcal: -4000 }), 422, "MODEL_OUT_OF_RANGE");
  });

  it.each([
    ["no goal", { weeks: 4 }, ["(body)"]],
    ["two goals", { weeks: 4, intake_kcal: 2000, intake_change_kcal: -500 }, ["intake_change_kcal", "intake_kcal"]],
    ["a target without days", { weeks: 4, target_weight_kg: 80 }, ["target_days"]],
    ["days without a target", { weeks: 4, target_days: 80 }, ["target_weight_kg"]],
    ["no weeks", { intake_kcal: 2000 }, ["weeks"]],
    ["weeks past 520", { weeks: 521, intake_kcal: 2000 }, ["weeks"]],
    ["fractional weeks", { weeks: 1.5, intake_kcal: 2000 }, ["weeks"]],
    ["an unknown field", { weeks: 4, intake_kcal: 2000, calories: 5 }, ["(body)"]],
    ["a PAL out of range", { weeks: 4, intake_kcal: 2000, pal: 3 }, ["pal"]],
  ])("400 with per-field errors for %s", async (_what, json, paths) => {
    const problem = await expectProblem(await post(user, json), 400, "VALIDATION_FAILED");
    const errors = problem.errors as { path: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual(paths);
  });

  it("400 naming each body field neither the request nor the profile has", async () => {
    const bare = await h.createUser({});
    const problem = await expectProblem(await post(bare, { weeks: 4, intake_kcal: 2000 }), 400, "VALIDATION_FAILED");
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toEqual(["sex", "age_years", "height_cm", "weight_kg"]);
    const ok = await simulated(bare, { ...H1_BODY, weeks: 4, intake_kcal: 2000 });
    expect(ok.models.dynamic).toHaveLength(5);
  });

  it("401 without an API key", async () => {
    await expectProblem(await post(null, { ...H1_BODY, weeks: 4, intake_kcal: 2000 }), 401, "UNAUTHORIZED");
  });
});

describe("GET /v1/projections/weekly", () => {
  it("400 for a reversed range, and an empty list for a user without days (with or without a range)", async () => {
    const user = await h.createUser(H1_PROFILE);
    await expectProblem(await h.request("/v1/projections/weekly?from=2026-11-30&to=2026-11-01", { key: user.apiKey }), 400, "VALIDATION_FAILED");
    for (const query of ["?from=2026-11-01&to=2026-11-30", "?from=2026-11-30", ""]) {
      const res = await h.request(`/v1/projections/weekly${query}`, { key: user.apiKey });
      expect(res.status).toBe(200);
      expect(await readJson(res)).toEqual({ weeks: [], next_cursor: null, pending: false });
    }
  });
});
