import { describe, expect, it } from "vitest";
import type { ProfileFacts } from "../../../../src/domain/body/profile-bounds.js";
import { profileProblems } from "../../../../src/domain/body/profile-bounds.js";

const OK: ProfileFacts = { birthDate: "1990-06-15", heightCm: 170, weightKg: 70, hrRestBpm: 55, hrMaxBpm: 185 };
const TODAY = "2026-11-24";
const paths = (p: Partial<ProfileFacts>) => profileProblems({ ...OK, ...p }, TODAY).map((e) => e.path);

describe("profile bounds", () => {
  it("a plausible adult profile has no problem, nor does an empty one", () => {
    expect(profileProblems(OK, TODAY)).toEqual([]);
    expect(profileProblems({ birthDate: null, heightCm: null, weightKg: null, hrRestBpm: null, hrMaxBpm: null }, TODAY)).toEqual([]);
  });

  it("an age outside 18–122 years, or a birth date not in the past, is refused", () => {
    expect(paths({ birthDate: "2008-11-25" })).toEqual(["birth_date"]); // 17 the day before their birthday
    expect(paths({ birthDate: "2008-11-24" })).toEqual([]);
    expect(paths({ birthDate: "1900-01-01" })).toEqual(["birth_date"]);
    expect(paths({ birthDate: TODAY })).toEqual(["birth_date"]);
  });

  it("a BMI below 10 kg/m² is refused, naming the weight", () => {
    expect(paths({ heightCm: 180, weightKg: 32 })).toEqual(["weight_kg"]); // 9.9
    expect(paths({ heightCm: 180, weightKg: 33 })).toEqual([]); // 10.2
  });

  it("resting heart rate must be below the maximal one", () => {
    expect(paths({ hrRestBpm: 120, hrMaxBpm: 110 })).toEqual(["hr_rest_bpm"]);
    expect(paths({ hrRestBpm: 110, hrMaxBpm: 110 })).toEqual(["hr_rest_bpm"]);
    expect(paths({ hrRestBpm: 60, hrMaxBpm: null })).toEqual([]);
  });
});
