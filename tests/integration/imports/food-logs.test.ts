import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";

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

async function intakeTotal(userId: string, date: string): Promise<number> {
  const [row] = await h.deps.sql<{ total: number }[]>`
    select coalesce(sum(energy_kcal), 0)::float8 as total from intake_entries where user_id = ${userId} and local_date = ${date}`;
  return row?.total ?? -1;
}

describe("food-log exports through POST /v1/imports", () => {
  it("MyFitnessPal: the meals add up to the file's 1249.5 kcal, and re-importing changes nothing", async () => {
    const user = await h.createUser({ time_zone: "America/New_York" });
    const bytes = fixture("nutrition/dawndrain__myfitnesspal.csv");
    const first = await readJson<ImportBody>(await upload(h, user.apiKey, bytes));
    expect(first.format).toBe("myfitnesspal_csv");
    const done = await settledImport(h, user.apiKey, first.id);
    expect(done.status).toBe("completed");
    expect(done.counts.intake).toEqual({ parsed: 3, inserted: 3, duplicate: 0, rejected: 0 });
    expect(await intakeTotal(user.id, "2025-03-06")).toBeCloseTo(1249.5, 6);

    const again = await upload(h, user.apiKey, bytes);
    expect(again.status).toBe(200);
    expect(await intakeTotal(user.id, "2025-03-06")).toBeCloseTo(1249.5, 6);
    const status = await readJson<{ status: string; intake_kcal: number }>(
      await h.request("/v1/days/2025-03-06/intake-status", { key: user.apiKey }),
    );
    expect(status).toMatchObject({ status: "logged", intake_kcal: 1250 }); // 1249.5 to 1 kcal
  });

  it("Cronometer daily summary: 1477.23 kcal, and Completed=false marks the day partial", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const first = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("nutrition/dawndrain__cronometer_dailysummary.csv")));
    expect(first.format).toBe("cronometer_dailysummary_csv");
    const done = await settledImport(h, user.apiKey, first.id);
    expect(done.counts.intake?.inserted).toBe(1);
    const [entry] = await h.deps.sql<{ date: string; kcal: number }[]>`
      select local_date::text as date, energy_kcal as kcal from intake_entries where user_id = ${user.id}`;
    expect(entry?.kcal).toBeCloseTo(1477.23, 2);
    const status = await readJson<{ status: string }>(await h.request(`/v1/days/${entry?.date}/intake-status`, { key: user.apiKey }));
    expect(status.status).toBe("partial");
  });

  it("formula cells stay text: they are stored as names, never evaluated", async () => {
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await settledImport(
      h,
      user.apiKey,
      (await readJson<ImportBody>(await upload(h, user.apiKey, fixture("hostile/formula-injection-food-log.csv")))).id,
    );
    expect(done.status).toBe("completed");
    expect(done.rejected_records.length).toBeGreaterThan(0);
    const names = await h.deps.sql<{ name: string }[]>`select name from intake_entries where user_id = ${user.id} order by name`;
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(["@SUM(1+1)", "+cmd|' /C calc'!A0"]));
  });
});
