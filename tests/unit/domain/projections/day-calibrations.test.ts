import { describe, expect, it } from "vitest";
import { calibrationForDate } from "../../../../src/domain/projections/day-calibrations.js";
import { calibrationFromInputs } from "../../../../src/modules/projections/stored-calibration.js";

const stored = (window_from: string, window_to: string, factor: number, applied = true, half: number | null = 250) => ({
  calibration: { factor, applied, adaptive_tdee_kcal: 2500, tdee_half_width_kcal: half, window_from, window_to, mean_burn_kcal: 2500 / factor },
});

describe("which calibration narrows a day's range", () => {
  it("reads an applied calibration with its relative half-width; not an unapplied one, nor one without an error", () => {
    expect(calibrationFromInputs(stored("2026-10-27", "2026-11-23", 1.1))).toEqual({
      windowFrom: "2026-10-27",
      windowTo: "2026-11-23",
      adaptiveTdeeKcal: 2500,
      calibration: { factor: 1.1, relativeHalfWidth: 0.1 },
    });
    expect(calibrationFromInputs(stored("2026-10-27", "2026-11-23", 1.5, false))).toBeNull();
    expect(calibrationFromInputs(stored("2026-10-27", "2026-11-23", 1.1, true, null))).toBeNull();
    expect(calibrationFromInputs({ missing: ["sex"] })).toBeNull();
    expect(calibrationFromInputs(null)).toBeNull();
  });

  it("prefers the window holding the day that ends first, then the latest that ended within 28 days before", () => {
    const list = [stored("2026-10-27", "2026-11-23", 1.1), stored("2026-11-03", "2026-11-30", 1.2)].flatMap((s) => calibrationFromInputs(s) ?? []);
    expect(calibrationForDate(list, "2026-11-10")?.factor).toBe(1.1);
    expect(calibrationForDate(list, "2026-11-25")?.factor).toBe(1.2);
    expect(calibrationForDate(list, "2026-12-20")?.factor).toBe(1.2);
    expect(calibrationForDate(list, "2026-12-29")).toBeNull();
    expect(calibrationForDate(list, "2026-10-01")).toBeNull();
  });
});
