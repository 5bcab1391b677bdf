import { describe, expect, it } from "vitest";
import { acsmBandByPercentHrr, acsmBandByPercentMaxHr, tanakaMaxHrBpm } from "../../../../src/domain/energy/hr-zones.js";

// TV-HR (exact; compared to 1e-9 because 0.7 × age is not exact in binary floating point).
const AGES = [25, 35, 45, 55];

describe("TV-HR HRmax (Tanaka, the one HIIT detection falls back to)", () => {
  it("208 − 0.7 × age", () => {
    const expected = [190.5, 183.5, 176.5, 169.5];
    AGES.forEach((age, i) => {
      expect(tanakaMaxHrBpm(age)).toBeCloseTo(expected[i] ?? Number.NaN, 9);
    });
  });
});

describe("TV-HR ACSM bands", () => {
  it("bands by %HRmax (HRmax 185)", () => {
    expect(acsmBandByPercentMaxHr(140, 185)).toBe("moderate");
    expect(acsmBandByPercentMaxHr(143, 185)).toBe("vigorous");
    expect(acsmBandByPercentMaxHr(178, 185)).toBe("near-maximal");
    expect(acsmBandByPercentMaxHr(100, 185)).toBe("very-light");
    expect(acsmBandByPercentMaxHr(110, 185)).toBe("light");
  });

  it("bands by %HRR (HRrest 60, HRmax 185)", () => {
    expect(acsmBandByPercentHrr(60 + 0.39 * 125, 60, 185)).toBe("light");
    expect(acsmBandByPercentHrr(60 + 0.4 * 125, 60, 185)).toBe("moderate");
    expect(acsmBandByPercentHrr(60 + 0.6 * 125, 60, 185)).toBe("vigorous");
    expect(acsmBandByPercentHrr(60 + 0.9 * 125, 60, 185)).toBe("near-maximal");
    expect(acsmBandByPercentHrr(70, 60, 185)).toBe("very-light");
  });

  it("rejects a resting HR at or above HRmax", () => {
    expect(() => acsmBandByPercentHrr(150, 190, 185)).toThrow(RangeError);
  });
});
