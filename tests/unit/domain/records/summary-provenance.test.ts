import { describe, expect, it } from "vitest";
import {
  heartRateOfLaps,
  heartRateOfSamples,
  plausibleSummaryHr,
  preferDevice,
  sumPresent,
} from "../../../../src/domain/records/summary-provenance.js";

describe("preferDevice: the device's value wins, samples only fill a gap", () => {
  it("a FIT session's 130 bpm beats 134 computed from its records", () => {
    expect(preferDevice(130, 134)).toEqual({ value: 130, source: "device" });
  });

  it("samples fill what the device did not write; nothing gives null", () => {
    expect(preferDevice(null, 134)).toEqual({ value: 134, source: "samples" });
    expect(preferDevice(undefined, null)).toEqual({ value: null, source: null });
    expect(preferDevice(Number.NaN, 118)).toEqual({ value: 118, source: "samples" });
  });

  it("a device value of 0 is still the device's (only heart rate is range-checked first)", () => {
    expect(preferDevice(0, 12)).toEqual({ value: 0, source: "device" });
    expect(plausibleSummaryHr(0)).toBeNull();
    expect(plausibleSummaryHr(126)).toBe(126);
  });
});

describe("heartRateOfLaps: a TCX or FIT activity's heart rate from its laps", () => {
  it("weights each lap's average by its time and takes the highest lap maximum (python-tcxparser's test.tcx)", () => {
    const laps = [
      { durationSec: 608.47, avgHrBpm: 139, maxHrBpm: 189 },
      { durationSec: 714.8, avgHrBpm: 172, maxHrBpm: 188 },
      { durationSec: 669.51, avgHrBpm: 167, maxHrBpm: 180 },
    ];
    const { avgBpm, maxBpm } = heartRateOfLaps(laps);
    expect(avgBpm).toBeCloseTo((139 * 608.47 + 172 * 714.8 + 167 * 669.51) / (608.47 + 714.8 + 669.51), 9);
    expect(avgBpm).toBeCloseTo(160.244, 3);
    expect(maxBpm).toBe(189);
  });

  it("leaves out laps without time or with an impossible value; nulls when no lap has one", () => {
    const laps = [
      { durationSec: 600, avgHrBpm: 150, maxHrBpm: 170 },
      { durationSec: null, avgHrBpm: 190, maxHrBpm: 0 },
      { durationSec: 300, avgHrBpm: 0, maxHrBpm: null },
    ];
    expect(heartRateOfLaps(laps)).toEqual({ avgBpm: 150, maxBpm: 170 });
    expect(heartRateOfLaps([{ durationSec: 60, avgHrBpm: null, maxHrBpm: null }])).toEqual({ avgBpm: null, maxBpm: null });
  });
});

describe("heartRateOfSamples and sumPresent", () => {
  it("mean and maximum of the kept points", () => {
    const points = [120, 130, 160].map((value, i) => ({ tMs: i * 1000, value }));
    expect(heartRateOfSamples(points)).toEqual({ avgBpm: 410 / 3, maxBpm: 160 });
    expect(heartRateOfSamples([])).toEqual({ avgBpm: null, maxBpm: null });
  });

  it("sums what is present (TCX lap calories 4+1+1+2+4 = 12) and is null when nothing is", () => {
    expect(sumPresent([4, 1, 1, 2, 4])).toBe(12);
    expect(sumPresent([null, 5, undefined])).toBe(5);
    expect(sumPresent([null, undefined])).toBeNull();
  });
});
