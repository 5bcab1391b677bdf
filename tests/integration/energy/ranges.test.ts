import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../src/lib/calendar.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";
import { type DayBody, hourly, meal, settledDays, sync } from "./energy-test-kit.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  // Tuesday 2026-12-01: every November day is over in Berlin.
  h = await createHarness({}, { clock: fixedClock("2026-12-01T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const PROFILE = { sex: "male", birth_date: "1991-01-01", height_cm: 180, weight_kg: 92, time_zone: "Europe/Berlin" };
const scale = { name: "Scale", device_type: "scale" };
const FIRST_DAY = "2026-11-02";
const dates = Array.from({ length: 28 }, (_, i) => addDays(FIRST_DAY, i));
// A slow loss with a few hundred grams of day-to-day water noise.
const NOISE_KG = [0.3, -0.2, 0.1, -0.3, 0.2, 0, -0.1];
const weightOn = (i: number) => 90 - 0.05 * i + (NOISE_KG[i % NOISE_KG.length] ?? 0);

/** A watch day (basal 70 + active 40 kcal an hour = 2,640 kcal), 2,140 kcal eaten, a morning weigh-in. */
function day(date: string, i: number) {
  return [
    ...hourly("basal_energy", `${date}T00:00:00+01:00`, 70),
    ...hourly("active_energy", `${date}T00:00:00+01:00`, 40),
    meal(`${date}T13:00:00+01:00`, 2140),
    { type: "body_mass", start: `${date}T07:00:00+01:00`, end: `${date}T07:00:00+01:00`, value: weightOn(i), unit: "kg", source: scale },
  ];
}

interface WeekRow {
  week_start: string;
  model: string;
  status: string;
  projected_change_kg: number | null;
  projected_change_kg_range: [number, number] | null;
  flags: string[];
}

async function weeks(user: TestUser, until: (rows: WeekRow[]) => boolean): Promise<WeekRow[]> {
  return waitFor(
    async () => {
      const body = await readJson<{ weeks: WeekRow[]; pending: boolean }>(
        await h.request(`/v1/projections/weekly?from=${FIRST_DAY}&to=2026-11-29`, { key: user.apiKey }),
      );
      return !body.pending && until(body.weeks) ? body.weeks : undefined;
    },
    45_000,
    "weekly rows",
  );
}

const width = (d: DayBody | undefined) => (d?.burned_kcal_range ? d.burned_kcal_range[1] - d.burned_kcal_range[0] : Number.NaN);

describe("honest ranges", () => {
  it("every day carries its burn and deficit range; once the weight trend calibrates the burn, the range narrows", { timeout: 90_000 }, async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { samples: dates.slice(0, 7).flatMap((d, i) => day(d, i)), workouts: [] });
    const early = await settledDays(h, user, "2026-11-02", "2026-11-08", (d) => d.every((x) => x.status === "complete"));
    const before = early[3];
    // Device basal 1,680 (±10 %) + device active 960 (−20 %/+35 %): 2,280–3,144 kcal; deficit 140–1,004.
    expect(before).toMatchObject({
      date: "2026-11-05",
      burned_kcal: 2640,
      range_source: "method_error",
      burned_kcal_range: [2280, 3144],
      deficit_kcal_range: [140, 1004],
    });

    await sync(h, user, { samples: dates.slice(7).flatMap((d, i) => day(d, i + 7)), workouts: [] });
    const rows = await weeks(user, (r) => r.some((x) => x.model === "dynamic" && x.week_start === "2026-11-23" && x.flags.includes("calibrated")));
    const after = (await settledDays(h, user, "2026-11-05", "2026-11-05"))[0];
    expect(after?.range_source).toBe("calibration");
    expect(width(after)).toBeLessThan(width(before) / 2);
    // Centred on the corrected burn, with the intake taken as logged.
    const [low, high] = after?.burned_kcal_range ?? [0, 0];
    expect(after?.deficit_kcal_range).toEqual([Math.round((low - 2140) * 10) / 10, Math.round((high - 2140) * 10) / 10]);

    // Every projected week carries its change's range, around the change itself.
    const projected = rows.filter((r) => r.status === "projected");
    expect(projected.length).toBeGreaterThanOrEqual(6);
    for (const r of projected) {
      const [lo, hi] = r.projected_change_kg_range ?? [Number.NaN, Number.NaN];
      expect(lo).toBeLessThan(hi);
      if (r.model === "rule3500") expect(r.projected_change_kg).toBeGreaterThanOrEqual(lo);
      if (r.model === "rule3500") expect(r.projected_change_kg).toBeLessThanOrEqual(hi);
    }
  });
});
