import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hallRmrKcal } from "../../../src/domain/projections/hall-baseline.js";
import { addDays } from "../../../src/lib/calendar.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";
import { hourly, meal, settledDays, sync } from "../energy/energy-test-kit.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  // Tuesday 2026-12-01 in Berlin: the last 28 days are 11-03 … 11-30.
  h = await createHarness({}, { clock: fixedClock("2026-12-01T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const PROFILE = { sex: "male", birth_date: "1991-01-01", height_cm: 180, weight_kg: 90, time_zone: "Europe/Berlin" };
const scale = { name: "Scale", device_type: "scale" };
const NOISE_KG = [0.3, -0.2, 0.1, -0.3, 0.2, 0, -0.1];

interface Simulation {
  rmr_kcal: number;
  maintenance_intake_kcal: number;
  intake_kcal: number;
  inputs: { maintenance_source: string; pal: number; weight_kg: number };
}

const simulate = async (user: TestUser, body: object) => {
  const res = await h.request("/v1/projections/simulate", {
    method: "POST",
    key: user.apiKey,
    json: { weeks: 4, intake_change_kcal: -500, ...body },
  });
  expect(res.status).toBe(200);
  return readJson<Simulation>(res);
};

/** A watch day burning 2,160 kcal (basal 70 + active 20 an hour), optionally with a meal and a weigh-in. */
function day(date: string, i: number, opts: { intakeKcal?: number; weighIn?: boolean }) {
  return [
    ...hourly("basal_energy", `${date}T00:00:00+01:00`, 70),
    ...hourly("active_energy", `${date}T00:00:00+01:00`, 20),
    ...(opts.intakeKcal === undefined ? [] : [meal(`${date}T13:00:00+01:00`, opts.intakeKcal)]),
    ...(opts.weighIn
      ? [
          {
            type: "body_mass",
            start: `${date}T07:00:00+01:00`,
            end: `${date}T07:00:00+01:00`,
            value: 90 - 0.04 * i + (NOISE_KG[i % 7] ?? 0),
            unit: "kg",
            source: scale,
          },
        ]
      : []),
  ];
}

describe("POST /v1/projections/simulate starts from what it knows of the person", () => {
  it("pal: without data, PAL 1.6 × RMR; a PAL sent always wins", async () => {
    const user = await h.createUser(PROFILE);
    const body = await simulate(user, {});
    const rmr = hallRmrKcal({ sex: "male", ageYears: 35, heightCm: 180, weightKg: 90 });
    expect(body.inputs).toMatchObject({ maintenance_source: "pal", pal: 1.6 });
    expect(body.maintenance_intake_kcal).toBe(Math.round(1.6 * rmr));
    expect(body.intake_kcal).toBe(Math.round(1.6 * rmr - 500));
  });

  it("measured: the mean burn of the person's recent whole days, so −500 kcal really is below their maintenance", async () => {
    const user = await h.createUser(PROFILE);
    const dates = Array.from({ length: 10 }, (_, i) => addDays("2026-11-20", i));
    await sync(h, user, { samples: dates.flatMap((d, i) => day(d, i, {})), workouts: [] });
    await settledDays(h, user, "2026-11-20", "2026-11-29", (d) => d.every((x) => x.status === "no_intake"));
    const body = await simulate(user, {});
    expect(body.inputs.maintenance_source).toBe("measured");
    expect(body.maintenance_intake_kcal).toBe(2160);
    expect(body.intake_kcal).toBe(1660);
    // PAL 1.6 × RMR would have been ~2,970 kcal: its "−500" (≈ 2,470) is above this person's 2,160.
    // pal is 2160 / the unrounded RMR; the answer's RMR is rounded to 1 kcal.
    expect(body.inputs.pal).toBeCloseTo(2160 / body.rmr_kcal, 3);
    expect((await simulate(user, { pal: 1.6 })).inputs.maintenance_source).toBe("pal");
    expect((await simulate(user, { weight_kg: 70 })).inputs.maintenance_source).toBe("pal");
  });

  it("calibrated: the maintenance the weight trend and intake measured, once 14+ days calibrate the burn", { timeout: 90_000 }, async () => {
    const user = await h.createUser(PROFILE);
    const dates = Array.from({ length: 28 }, (_, i) => addDays("2026-11-02", i));
    await sync(h, user, { samples: dates.flatMap((d, i) => day(d, i, { intakeKcal: 1700, weighIn: true })), workouts: [] });
    const calibration = await waitFor(
      async () => {
        const res = await readJson<{
          weeks: { week_start: string; model: string; flags: string[]; inputs: { calibration?: { adaptive_tdee_kcal: number } } }[];
          pending: boolean;
        }>(await h.request("/v1/projections/weekly?from=2026-11-23&to=2026-11-29", { key: user.apiKey }));
        const dynamic = res.weeks.find((w) => w.model === "dynamic" && w.flags.includes("calibrated"));
        return !res.pending && dynamic?.inputs.calibration ? dynamic.inputs.calibration : undefined;
      },
      45_000,
      "the week to be calibrated",
    );
    const body = await simulate(user, {});
    expect(body.inputs.maintenance_source).toBe("calibrated");
    expect(body.maintenance_intake_kcal).toBe(calibration.adaptive_tdee_kcal);
    // 1,700 eaten while losing ~0.04 kg/day: maintenance ≈ 1,700 + 0.04 × ρ ≈ 1,980, below the device's 2,160.
    expect(body.maintenance_intake_kcal).toBeGreaterThan(1700);
    expect(body.maintenance_intake_kcal).toBeLessThan(2160);
  });
});
