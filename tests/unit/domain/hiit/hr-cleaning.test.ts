import { describe, expect, it } from "vitest";
import { hampelFilter, isPlausibleHr, prepareHrSegments } from "../../../../src/domain/hiit/hr-cleaning.js";

const flat = (n: number, value: number, startSec = 0) => Array.from({ length: n }, (_, i) => ({ tMs: (startSec + i) * 1000, value }));

describe("HR cleaning steps (docs/science.md §7.4, steps 1–4)", () => {
  it("validity: 30–230 bpm and finite", () => {
    expect([29.9, 30, 230, 230.1, 0, Number.NaN, Number.POSITIVE_INFINITY].map(isPlausibleHr)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("Hampel replaces an isolated spike by the window median", () => {
    const samples = [...flat(10, 140), { tMs: 10_000, value: 210 }, ...flat(10, 140, 11)];
    expect(hampelFilter(samples)[10]).toEqual({ tMs: 10_000, value: 140 });
  });

  it("Hampel leaves jitter of ≤ 5 bpm alone even where MAD is 0", () => {
    const samples = [...flat(10, 140), { tMs: 10_000, value: 144 }, ...flat(10, 140, 11)];
    expect(hampelFilter(samples)[10]).toEqual({ tMs: 10_000, value: 144 });
  });

  it("Hampel needs 3 neighbours within ±7.5 s: 5-s sampling is left untouched", () => {
    const samples = [0, 5, 10, 15, 20].map((s, i) => ({ tMs: s * 1000, value: i === 2 ? 210 : 140 }));
    expect(hampelFilter(samples)).toEqual(samples);
  });

  it("interpolates gaps ≤ 15 s, splits on longer ones, smooths over 5 s", () => {
    const segments = prepareHrSegments([
      { tMs: 0, bpm: 100 },
      { tMs: 15_000, bpm: 130 },
      { tMs: 31_000, bpm: 130 },
      { tMs: 32_000, bpm: 130 },
      { tMs: 33_000, bpm: 130 },
    ]);
    expect(segments.map((s) => [s.startSec, s.values.length])).toEqual([
      [0, 16],
      [31, 3],
    ]);
    // Second 2 averages the interpolated 100, 102, 104, 106, 108.
    expect(segments[0]?.values[2]).toBeCloseTo(104, 10);
    expect(segments[0]?.values[0]).toBeCloseTo(102, 10);
    expect(segments[1]?.values).toEqual([130, 130, 130]);
  });

  it("a run shorter than 3 s has no smoothed value", () => {
    const segments = prepareHrSegments([
      { tMs: 0, bpm: 100 },
      { tMs: 1000, bpm: 100 },
    ]);
    expect(segments[0]?.values.every(Number.isNaN)).toBe(true);
  });
});
