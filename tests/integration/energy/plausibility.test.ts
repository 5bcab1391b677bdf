import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { type DayBody, hourly, meal, settledDays, sync } from "./energy-test-kit.js";

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

const PROFILE = { sex: "male", birth_date: "1985-02-03", height_cm: 180, weight_kg: 80, time_zone: "UTC" };

interface Summary {
  days_used: number;
  mean_deficit_kcal: number | null;
  mean_intake_kcal: number | null;
  excluded: { date: string; reason: string }[];
}

const summary = async (user: TestUser) => readJson<Summary>(await h.request("/v1/summary?from=2026-11-10&to=2026-11-12", { key: user.apiKey }));

/** Three watch days burning 2,400 kcal each; 2,000 kcal eaten on the first two and a typo'd 19,999 on the third. */
async function typoUser(): Promise<TestUser> {
  const user = await h.createUser(PROFILE);
  const samples = ["2026-11-10", "2026-11-11", "2026-11-12"].flatMap((date, i) => [
    ...hourly("basal_energy", `${date}T00:00:00+00:00`, 75),
    ...hourly("active_energy", `${date}T00:00:00+00:00`, 25),
    meal(`${date}T12:00:00+00:00`, i === 2 ? 19_999 : 2000),
  ]);
  await sync(h, user, { samples, workouts: [] });
  return user;
}

const settled = (user: TestUser, ready: (days: DayBody[]) => boolean = (d) => d.every((x) => x.status === "complete")) =>
  settledDays(h, user, "2026-11-10", "2026-11-12", ready);

describe("an implausible intake is flagged, shown, and left out until confirmed", () => {
  it("a 19,999 kcal day does not swing the summary's mean deficit; confirming it lets it count, withdrawing undoes that", async () => {
    const user = await typoUser();
    const days = await settled(user);
    expect(days.map((d) => [d.date, d.intake_kcal, d.deficit_kcal, d.flags, d.confirmed])).toEqual([
      ["2026-11-10", 2000, 400, [], false],
      ["2026-11-11", 2000, 400, [], false],
      ["2026-11-12", 19_999, -17_599, ["implausible_intake"], false],
    ]);
    expect(await summary(user)).toMatchObject({
      days_used: 2,
      mean_deficit_kcal: 400,
      mean_intake_kcal: 2000,
      excluded: [{ date: "2026-11-12", reason: "implausible intake: confirm the day (PUT /v1/days/{date}/confirm) to count it" }],
    });

    const confirmed = await h.request("/v1/days/2026-11-12/confirm", { method: "PUT", key: user.apiKey });
    expect(confirmed.status).toBe(200);
    expect(await readJson(confirmed)).toMatchObject({ date: "2026-11-12", flags: ["implausible_intake"], confirmed: true });
    await settled(user, (d) => d[2]?.confirmed === true);
    expect(await summary(user)).toMatchObject({ days_used: 3, mean_deficit_kcal: Math.round((400 + 400 - 17_599) / 3), excluded: [] });

    expect((await h.request("/v1/days/2026-11-12/confirm", { method: "DELETE", key: user.apiKey })).status).toBe(204);
    await settled(user, (d) => d[2]?.confirmed === false);
    expect(await summary(user)).toMatchObject({ days_used: 2, mean_deficit_kcal: 400 });
  });

  it("confirming a day without flags is 409 DAY_NOT_FLAGGED; another user's confirmation is their own", async () => {
    const user = await typoUser();
    await settled(user);
    await expectProblem(await h.request("/v1/days/2026-11-10/confirm", { method: "PUT", key: user.apiKey }), 409, "DAY_NOT_FLAGGED");
    const other = await h.createUser(PROFILE);
    await expectProblem(await h.request("/v1/days/2026-11-12/confirm", { method: "PUT", key: other.apiKey }), 409, "DAY_NOT_FLAGGED");
    await expectProblem(await h.request("/v1/days/2026-13-01/confirm", { method: "PUT", key: user.apiKey }), 400);
  });
});
