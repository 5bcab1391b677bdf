import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";
import { TEST_ADMIN_TOKEN } from "../../helpers/test-env.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const errorsOf = async (res: Response) => ((await expectProblem(res, 400, "VALIDATION_FAILED")).errors as { path: string }[]).map((e) => e.path);

describe("physiological profile bounds", () => {
  it("a height of 70 cm for an adult is refused with a problem+json naming height_cm, on create and on patch", async () => {
    const created = await h.request("/v1/admin/users", {
      method: "POST",
      key: TEST_ADMIN_TOKEN,
      json: { email: "tiny@example.com", birth_date: "1990-01-01", height_cm: 70 },
    });
    expect(await errorsOf(created)).toEqual(["height_cm"]);
    const user = await h.createUser({ birth_date: "1990-01-01", height_cm: 170, weight_kg: 70 });
    expect(await errorsOf(await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { height_cm: 70 } }))).toEqual(["height_cm"]);
  });

  it("bounds that join fields are checked against the stored profile: age, BMI, resting below maximal heart rate", async () => {
    const user = await h.createUser({ birth_date: "1990-01-01", height_cm: 180, weight_kg: 80, hr_max_bpm: 180 });
    const patch = (json: object) => h.request("/v1/me", { method: "PATCH", key: user.apiKey, json });
    expect(await errorsOf(await patch({ birth_date: "2015-05-01" }))).toEqual(["birth_date"]);
    expect(await errorsOf(await patch({ weight_kg: 25 }))).toEqual(["weight_kg"]);
    expect(await errorsOf(await patch({ hr_rest_bpm: 185 }))).toEqual(["hr_rest_bpm"]);
    // Nothing was stored by the refused patches; a plausible one goes through.
    const ok = await patch({ hr_rest_bpm: 52, weight_kg: 78.5 });
    expect(ok.status).toBe(200);
    expect(await readJson(ok)).toMatchObject({ birth_date: "1990-01-01", weight_kg: 78.5, hr_rest_bpm: 52, hr_max_bpm: 180 });
  });
});
