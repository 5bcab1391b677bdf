import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const watch = { name: "Watch", device_type: "watch" };

function deviceDay(date: string) {
  return Array.from({ length: 24 }, (_, hour) => {
    const start = new Date(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000).toISOString();
    const end = new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 1) * 3_600_000).toISOString();
    return [
      { type: "basal_energy", start, end, value: 70, unit: "kcal", source: watch },
      { type: "active_energy", start, end, value: 15, unit: "kcal", source: watch },
    ];
  }).flat();
}

async function day(user: TestUser, date: string, until: (d: Record<string, unknown>) => boolean) {
  return waitFor(
    async () => {
      const body = await readJson<{ days: Record<string, unknown>[]; pending: boolean }>(
        await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }),
      );
      const first = body.days[0];
      return !body.pending && first && until(first) ? first : undefined;
    },
    20_000,
    `day ${date}`,
  );
}

describe("intake through the API drives the day's deficit", () => {
  it("unlogged is unknown; a logged meal gives a deficit; a fasted day counts 0 kcal on purpose", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: [...deviceDay("2026-11-15"), ...deviceDay("2026-11-16")], workouts: [] },
    });
    expect(await day(user, "2026-11-15", (d) => d.status !== "no_data")).toMatchObject({
      burned_kcal: 2040,
      intake_kcal: null,
      deficit_kcal: null,
      status: "no_intake",
      intake_status: "unlogged",
    });

    const logged = await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-11-15T19:30:00+00:00", energy_kcal: 1700, meal: "dinner" },
    });
    expect(logged.status).toBe(201);
    expect(await day(user, "2026-11-15", (d) => d.intake_kcal === 1700)).toMatchObject({
      deficit_kcal: 340,
      status: "complete",
      intake_status: "logged",
    });

    const fasted = await h.request("/v1/days/2026-11-16/intake-status", { method: "PUT", key: user.apiKey, json: { status: "fasted" } });
    expect(fasted.status).toBe(200);
    expect(await day(user, "2026-11-16", (d) => d.intake_status === "fasted")).toMatchObject({
      intake_kcal: 0,
      deficit_kcal: 2040,
      status: "complete",
    });
  });

  it("an implausibly low log (docs/science.md §2.3) keeps its deficit but makes the day partial, out of the summary", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    await h.request("/v1/sync", {
      method: "POST",
      key: user.apiKey,
      headers: { "idempotency-key": randomUUID() },
      json: { samples: deviceDay("2026-11-17"), workouts: [] },
    });
    const low = await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-11-17T08:00:00+00:00", energy_kcal: 350, meal: "breakfast" },
    });
    expect(low.status).toBe(201);
    const settled = await day(user, "2026-11-17", (d) => d.intake_kcal === 350);
    expect(settled).toMatchObject({ deficit_kcal: 1690, status: "partial", intake_status: "possibly_partial" });
    const summary = await readJson<{ days_used: number }>(await h.request("/v1/summary?from=2026-11-17&to=2026-11-17", { key: user.apiKey }));
    expect(summary.days_used).toBe(0);
  });
});
