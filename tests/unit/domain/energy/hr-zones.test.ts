import { describe, expect, it } from "vitest";
import {
  acsmBandByPercentHrr,
  acsmBandByPercentMaxHr,
  foxMaxHrBpm,
  gellishLinearMaxHrBpm,
  gellishNonlinearMaxHrBpm,
  karvonenTargetHrBpm,
  nesMaxHrBpm,
  tanakaMaxHrBpm,
} from "../../../../src/domain/energy/hr-zones.js";

// TV-HR (exact; compared to 1e-9 because 0.7 × age is not exact in binary floating point).
const AGES = [25, 35, 45, 55];

describe("TV-HR HRmax formulas", () => {
  it.each([
    ["Fox", foxMaxHrBpm, [195, 185, 175, 165]],
    ["Tanaka", tanakaMaxHrBpm, [190.5, 183.5, 176.5, 169.5]],
    ["Gellish linear", gellishLinearMaxHrBpm, [189.5, 182.5, 175.5, 168.5]],
    ["Gellish non-linear", gellishNonlinearMaxHrBpm, [187.625, 183.425, 177.825, 170.825]],
    ["Nes", nesMaxHrBpm, [195.0, 188.6, 182.2, 175.8]],
  ] as const)("%s", (_name, formula, expected) => {
    AGES.forEach((age, i) => expect(formula(age)).toBeCloseTo(expected[i] ?? Number.NaN, 9));
  });
});

describe("TV-HR Karvonen and ACSM bands", () => {
  it("Karvonen, HRrest 60, HRmax 185", () => {
    expect(karvonenTargetHrBpm(60, 185, 0.7)).toBeCloseTo(147.5, 9);
    expect(karvonenTargetHrBpm(60, 185, 0.85)).toBeCloseTo(166.25, 9);
  });

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
