import { describe, expect, it } from "vitest";
import { addDays, formatKcal, formatWeight, instantToX, KG_PER_LB, offsetOf, todayIn, weightIn } from "../../../web/src/lib/format.js";

describe("dashboard display helpers", () => {
  it("gives a wall time typed in the person's zone the offset in force then, across DST", () => {
    expect(offsetOf("Europe/Berlin", "2026-01-10T12:00")).toBe("+01:00");
    expect(offsetOf("Europe/Berlin", "2026-07-10T12:00")).toBe("+02:00");
    expect(offsetOf("America/New_York", "2026-11-24T08:15")).toBe("-05:00");
    expect(offsetOf("Asia/Kolkata", "2026-11-24T08:15")).toBe("+05:30");
  });

  it("draws an instant at its local wall time in the person's zone", () => {
    // The Garmin ride of the browser tests started 15:00:21 at +02:00 (Berlin summer time).
    expect(instantToX("2011-09-25T13:00:21Z", "Europe/Berlin")).toBe(Date.UTC(2011, 8, 25, 15, 0, 21) / 1000);
    expect(instantToX("2011-09-25T13:00:21Z", "UTC")).toBe(Date.UTC(2011, 8, 25, 13, 0, 21) / 1000);
  });

  it("knows today in the person's zone, not the browser's", () => {
    const instant = new Date("2026-12-05T23:30:00Z");
    expect(todayIn("Europe/Berlin", instant)).toBe("2026-12-06");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-12-05");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });

  it("shows weights in the profile's units (1 lb = 0.45359237 kg) and energy in whole kcal", () => {
    expect(weightIn(84, "imperial")).toBeCloseTo(185.19, 2);
    expect(weightIn(84, "metric")).toBe(84);
    expect(formatWeight(84, "imperial")).toBe("185.2 lb");
    expect(formatWeight(null, "metric")).toBe("—");
    expect(KG_PER_LB * 2.20462262).toBeCloseTo(1, 8);
    expect(formatKcal(3546.2)).toBe("3,546 kcal");
  });
});
