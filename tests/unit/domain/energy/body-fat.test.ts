import { describe, expect, it } from "vitest";
import { bodyComposition, jacksonBodyFatPercent, leanMassKg } from "../../../../src/domain/energy/body-fat.js";

describe("body composition seeding", () => {
  const body = { sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 } as const;

  it("a measured body fat wins over the Jackson estimate", () => {
    expect(bodyComposition(body, 20)).toEqual({
      bodyFatPercent: 20,
      fatMassKg: 18,
      leanMassKg: 72,
      source: "measured",
    });
  });

  it("without a measurement, Jackson seeds it and says so", () => {
    const seeded = bodyComposition(body, null);
    expect(seeded.source).toBe("jackson-2002");
    expect(seeded.fatMassKg).toBeCloseTo(22.4885, 3);
    expect(seeded.fatMassKg + seeded.leanMassKg).toBeCloseTo(90, 10);
  });

  it("rejects a body-fat percentage outside [0, 100)", () => {
    expect(() => leanMassKg(80, 100)).toThrow(RangeError);
    expect(() => leanMassKg(80, -3)).toThrow(RangeError);
  });
});

describe("docs/science.md §3.2 Jackson 2002 body fat (NIH BWP seed)", () => {
  it("H1 person: 90 kg, 1.80 m, 35 y man → F₀ 22.49 kg", () => {
    const percent = jacksonBodyFatPercent({ sex: "male", weightKg: 90, heightCm: 180, ageYears: 35 });
    expect(Math.abs((90 * percent) / 100 - 22.49)).toBeLessThanOrEqual(0.005);
  });

  it("women use their own coefficients", () => {
    const body = { weightKg: 60, heightCm: 165, ageYears: 30 } as const;
    const female = jacksonBodyFatPercent({ sex: "female", ...body });
    // 0.14·30 + 39.96·ln(60/1.65²) − 102.01
    expect(female).toBeCloseTo(4.2 + 39.96 * Math.log(60 / 1.65 ** 2) - 102.01, 10);
    expect(female).toBeGreaterThan(jacksonBodyFatPercent({ sex: "male", ...body }));
  });
});
