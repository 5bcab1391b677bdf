import { describe, expect, it } from "vitest";
import { chooseMaintenance, DEFAULT_PAL, MIN_MEASURED_DAYS } from "../../../../src/domain/projections/maintenance.js";

const week = Array.from({ length: MIN_MEASURED_DAYS }, (_, i) => 2300 + 20 * i);

describe("the what-if planner's maintenance", () => {
  it("a PAL sent with the request wins", () => {
    expect(chooseMaintenance({ requestedPal: 1.4, ownBody: true, calibratedTdeeKcal: 2500, measuredBurnsKcal: week })).toEqual({
      source: "pal",
      energy: { physicalActivityLevel: 1.4 },
    });
  });

  it("then the calibrated maintenance, then the mean measured burn of a week of whole days, then PAL 1.6", () => {
    expect(chooseMaintenance({ requestedPal: null, ownBody: true, calibratedTdeeKcal: 2480, measuredBurnsKcal: week })).toEqual({
      source: "calibrated",
      energy: { maintenanceIntakeKcal: 2480 },
    });
    expect(chooseMaintenance({ requestedPal: null, ownBody: true, calibratedTdeeKcal: null, measuredBurnsKcal: week })).toEqual({
      source: "measured",
      energy: { maintenanceIntakeKcal: 2360 },
    });
    expect(chooseMaintenance({ requestedPal: null, ownBody: true, calibratedTdeeKcal: null, measuredBurnsKcal: week.slice(1) })).toEqual({
      source: "pal",
      energy: { physicalActivityLevel: DEFAULT_PAL },
    });
  });

  it("another body (sex, age, height or weight sent) is not described by the caller's data", () => {
    expect(chooseMaintenance({ requestedPal: null, ownBody: false, calibratedTdeeKcal: 2480, measuredBurnsKcal: week }).source).toBe("pal");
  });
});
