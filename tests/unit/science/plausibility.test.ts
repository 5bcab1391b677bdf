import { describe, expect, it } from "vitest";
import {
  isActiveEnergyOutlier,
  isBasalEnergyOutlier,
} from "../../../src/modules/energy/science/device-plausibility.js";
import { checkIntakePlausibility } from "../../../src/modules/energy/science/intake-plausibility.js";

describe("TV-D9 intake plausibility", () => {
  it("350 kcal against a 14-day median of 2000 → possibly partial (350 < max(800, 1000))", () => {
    const result = checkIntakePlausibility(350, Array.from({ length: 14 }, () => 2000));
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

describe("device outliers (SCIENCE.md §3.3)", () => {
  it("active energy above max(3000, 4 × 28-day median)", () => {
    expect(isActiveEnergyOutlier(3100, Array.from({ length: 28 }, () => 500))).toBe(true);
    expect(isActiveEnergyOutlier(2900, Array.from({ length: 28 }, () => 500))).toBe(false);
    expect(isActiveEnergyOutlier(3500, Array.from({ length: 28 }, () => 1000))).toBe(false);
  });

  it("basal outside 0.7–1.3 × formula BMR", () => {
    expect(isBasalEnergyOutlier(1200, 1850)).toBe(true);
    expect(isBasalEnergyOutlier(1850, 1850)).toBe(false);
    expect(isBasalEnergyOutlier(2500, 1850)).toBe(true);
  });
});
