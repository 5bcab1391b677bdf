import { describe, expect, it } from "vitest";
import { checkIntakePlausibility } from "../../../../src/domain/intake/intake-plausibility.js";

describe("possibly partial intake (docs/science.md §2.3)", () => {
  it("350 kcal against a 14-day median of 2000 → possibly partial (350 < max(800, 1000))", () => {
    const result = checkIntakePlausibility(
      350,
      Array.from({ length: 14 }, () => 2000),
    );
    expect(result).toEqual({ possiblyPartial: true, thresholdKcal: 1000, recentMedianKcal: 2000 });
  });

  it("a normal day is not flagged; the 800 kcal floor applies without history", () => {
    expect(checkIntakePlausibility(1800, [2000, 2100, 1900]).possiblyPartial).toBe(false);
    expect(checkIntakePlausibility(700, []).possiblyPartial).toBe(true);
    expect(checkIntakePlausibility(900, []).possiblyPartial).toBe(false);
  });

  it("only the last 14 logged days form the median", () => {
    const history = [...Array.from({ length: 20 }, () => 4000), ...Array.from({ length: 14 }, () => 1600)];
    expect(checkIntakePlausibility(900, history)).toMatchObject({ possiblyPartial: false, recentMedianKcal: 1600 });
  });
});
