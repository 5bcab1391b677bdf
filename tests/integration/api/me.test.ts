import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T10:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

describe("GET/PATCH /v1/me", () => {
  it("reads and updates the caller's profile", async () => {
    const user = await h.createUser();
    const patch = {
      sex: "male",
      birth_date: "1985-02-03",
      height_cm: 181.5,
      weight_kg: 92.3,
      time_zone: "America/New_York",
      hr_max_bpm: 186,
      hr_rest_bpm: 52,
      activity_level: "moderate",
    };
    const res = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: patch });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ id: user.id, ...patch });

    const read = await readJson(await h.request("/v1/me", { key: user.apiKey }));
    expect(read).toMatchObject({ id: user.id, email: user.email, ...patch });
  });

  it("only changes the fields sent, and null clears an optional one", async () => {
    const user = await h.createUser({ hr_max_bpm: 190, height_cm: 170 });
    const res = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { hr_max_bpm: null } });
    expect(await readJson(res)).toMatchObject({ hr_max_bpm: null, height_cm: 170 });
  });

  it("rejects unknown fields (no mass assignment of id, email or user_id)", async () => {
    const user = await h.createUser();
    for (const json of [{ id: "usr_x" }, { email: "x@example.com" }, { user_id: "usr_x" }]) {
      const res = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json });
      const body = await expectProblem(res, 400, "VALIDATION_FAILED");
      expect(JSON.stringify(body.errors)).toMatch(/unknown field/);
    }
    const read = await readJson(await h.request("/v1/me", { key: user.apiKey }));
    expect(read.email).toBe(user.email);
  });

  it.each([
    [{ sex: "other" }, "sex"],
    [{ birth_date: "1990-13-40" }, "birth_date"],
    [{ height_cm: 300 }, "height_cm"],
    [{ weight_kg: 10 }, "weight_kg"],
    [{ time_zone: "Europe/Atlantis" }, "time_zone"],
    [{ hr_max_bpm: 99.5 }, "hr_max_bpm"],
    [{ hr_rest_bpm: 5 }, "hr_rest_bpm"],
    [{ activity_level: "couch" }, "activity_level"],
    [{ time_zone: null }, "time_zone"],
  ])("names the invalid field in %j", async (json, field) => {
    const user = await h.createUser();
    const res = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json });
    const body = await expectProblem(res, 400, "VALIDATION_FAILED");
    expect((body.errors as { path: string }[]).map((e) => e.path)).toEqual([field]);
  });

  it("rejects a birth date that is not in the past (by the injected clock)", async () => {
    const user = await h.createUser();
    const res = await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { birth_date: "2026-11-24" } });
    const body = await expectProblem(res, 400, "VALIDATION_FAILED");
    expect(body.errors).toEqual([{ path: "birth_date", message: expect.stringMatching(/past/) }]);
  });
});
