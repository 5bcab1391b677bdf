import { describe, expect, it } from "vitest";
import {
  burnedRange,
  calibratedRange,
  deficitRange,
  METHOD_ERROR,
  mapRange,
  meanRange,
  narrowedRange,
} from "../../../../src/domain/energy/energy-ranges.js";

describe("burn and deficit ranges from per-method errors", () => {
  it("adds each part's bounds linearly: a watch day of 1,800 basal + 600 active", () => {
    const range = burnedRange([
      { method: "device_basal", kcal: 1800 },
      { method: "device_active", kcal: 600 },
    ]);
    // basal ±10 %: 1,620–1,980; active −20 %/+35 %: 480–810.
    expect(range[0]).toBeCloseTo(2100, 9);
    expect(range[1]).toBeCloseTo(2790, 9);
    expect(deficitRange(range, 2000).map((v) => Math.round(v))).toEqual([100, 790]);
  });

  it("wrist active energy is biased low in free living: its band reaches further up than down", () => {
    expect(METHOD_ERROR.device_active.over).toBeGreaterThan(METHOD_ERROR.device_active.under);
    expect(METHOD_ERROR.formula_bmr).toEqual({ under: 0.1, over: 0.1 });
  });

  it("an estimate-only day: formula BMR, a Keytel workout and steps", () => {
    const [low, high] = burnedRange([
      { method: "formula_bmr", kcal: 1700 },
      { method: "keytel", kcal: 400 },
      { method: "steps", kcal: 200 },
    ]);
    expect(low).toBeCloseTo(1700 * 0.9 + 400 * 0.75 + 200 * 0.7, 9);
    expect(high).toBeCloseTo(1700 * 1.1 + 400 * 1.25 + 200 * 1.3, 9);
  });

  it("no parts, no width", () => {
    expect(burnedRange([])).toEqual([0, 0]);
  });
});

describe("calibration narrows the range", () => {
  const methods = [2100, 2790] as const;

  it("centres on the corrected burn, ± the calibration's relative half-width", () => {
    const range = calibratedRange(2400, { factor: 1.1, relativeHalfWidth: 0.08 });
    expect(range[0]).toBeCloseTo(2640 * 0.92, 9);
    expect(range[1]).toBeCloseTo(2640 * 1.08, 9);
  });

  it("never narrower than ±5 %, even from a perfect fit", () => {
    expect(calibratedRange(2000, { factor: 1, relativeHalfWidth: 0 })).toEqual([1900, 2100]);
  });

  it("takes the calibrated range only when it is narrower", () => {
    expect(narrowedRange(2400, methods, null)).toEqual({ range: methods, source: "method_error" });
    expect(narrowedRange(2400, methods, { factor: 1.1, relativeHalfWidth: 0.08 }).source).toBe("calibration");
    expect(narrowedRange(2400, methods, { factor: 1.1, relativeHalfWidth: 0.5 })).toEqual({ range: methods, source: "method_error" });
  });
});

describe("week ranges", () => {
  it("a mean of days averages their bounds; a monotone map keeps low ≤ high", () => {
    expect(
      meanRange([
        [100, 300],
        [200, 500],
      ]),
    ).toEqual([150, 400]);
    expect(meanRange([])).toBeNull();
    expect(mapRange([100, 400], (deficit) => (-7 * deficit) / 7700)).toEqual([(-7 * 400) / 7700, (-7 * 100) / 7700]);
  });
});
