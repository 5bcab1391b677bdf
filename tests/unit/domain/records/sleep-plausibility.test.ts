import { describe, expect, it } from "vitest";
import { implausibility } from "../../../../src/domain/records/sample-plausibility.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const START_MS = Date.UTC(2025, 5, 1, 22);
const minutesLater = (min: number) => START_MS + min * 60_000;

describe("a sleep record's minutes", () => {
  it("may fill its span, with a minute of rounding, but not more", () => {
    expect(implausibility("sleep_core", 90, START_MS, minutesLater(90), NOW_MS)).toBeNull();
    expect(implausibility("sleep_core", 91, START_MS, minutesLater(90), NOW_MS)).toBeNull();
    expect(implausibility("sleep_deep", 92, START_MS, minutesLater(90), NOW_MS)).toBe("sleep_deep value 92 min is longer than its record's 90 min");
  });

  it("needs a span of more than nothing and at most a day", () => {
    expect(implausibility("sleep_rem", 0, START_MS, START_MS, NOW_MS)).toBe("sleep_rem record spans 0 min, not more than 0 and at most 1440");
    expect(implausibility("sleep_in_bed", 600, START_MS, minutesLater(1500), NOW_MS)).toBe(
      "sleep_in_bed record spans 1500 min, not more than 0 and at most 1440",
    );
    expect(implausibility("sleep_awake", -1, START_MS, minutesLater(10), NOW_MS)).toBe("sleep_awake value -1 is outside the plausible range 0..1440");
  });
});
