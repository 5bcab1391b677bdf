import { describe, expect, it } from "vitest";
import { metNetKcal } from "../../../../src/domain/energy/met.js";
import { COMPENDIUM_METS, compendiumMet } from "../../../../src/domain/energy/met-compendium.js";

// TV-M, abs 0.01 kcal. [id, MET, kg, min, net (MET − 1) at 1 kcal/kg/h]
const VECTORS: Array<[string, number, number, number, number]> = [
  ["M1", 3.5, 80, 60, 200.0],
  ["M2", 3.8, 80, 20, 74.67],
  ["M3", 7.5, 80, 20, 173.33],
  ["M4", 2.8, 80, 5, 12.0],
  ["M5", 9.8, 70, 10, 102.67],
  ["M6", 4.8, 70, 30, 133.0],
  ["M7", 6.0, 70, 45, 262.5],
  ["M8", 11.0, 70, 20, 233.33],
];

const ABS_KCAL = 0.01;

describe("TV-M MET energy", () => {
  it.each(VECTORS)("%s", (_id, met, weightKg, durationMin, netKcal) => {
    expect(Math.abs(metNetKcal({ met, weightKg, durationMin }) - netKcal)).toBeLessThanOrEqual(ABS_KCAL);
  });

  it("net with the oxygen convention is (MET − 1) × 1.05 kcal/kg/h", () => {
    expect(metNetKcal({ met: 3.5, weightKg: 80, durationMin: 60 }, "oxygen")).toBeCloseTo(210, 10);
  });

  it("sitting quietly at 1.0 MET burns nothing net", () => {
    expect(metNetKcal({ met: 1, weightKg: 80, durationMin: 60 })).toBe(0);
  });

  it("rejects a non-positive MET or weight", () => {
    expect(() => metNetKcal({ met: 0, weightKg: 80, durationMin: 10 })).toThrow(RangeError);
    expect(() => metNetKcal({ met: 3, weightKg: -1, durationMin: 10 })).toThrow(RangeError);
  });
});

describe("Compendium table: values carry their edition", () => {
  it("returns the edition asked for and never falls back to the other", () => {
    expect(compendiumMet("02020", 2011)?.met).toBe(8.0);
    expect(compendiumMet("02020", 2024)?.met).toBe(7.5);
    expect(compendiumMet("02058", 2024)?.met).toBe(9.8);
    expect(compendiumMet("02058", 2011)).toBeNull();
  });

  it("has one entry per code and edition", () => {
    const keys = COMPENDIUM_METS.map((e) => `${e.code}/${e.edition}`);
    expect(new Set(keys).size).toBe(keys.length);
    // docs/science.md §3.4 lists 33 codes, 8 of them new in 2024.
    expect(COMPENDIUM_METS.length).toBe(33 + 25);
  });
});
