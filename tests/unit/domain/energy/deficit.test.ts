import { describe, expect, it } from "vitest";
import type { DayEnergyInput } from "../../../../src/domain/energy/deficit.js";
import { computeDayEnergy, weeklyMeanDeficit } from "../../../../src/domain/energy/deficit.js";
import { metNetKcal } from "../../../../src/domain/energy/met.js";

// TV-D (docs/science.md §6; exact bookkeeping, floating-point results compared to 0.01 kcal where it prints 2 decimals).
const DEVICE_DAY: DayEnergyInput = {
  dayLengthHours: 24,
  elapsedHours: null,
  deviceBasalKcal: 1850,
  deviceActiveKcal: 550,
  bmrKcalPerDay: null,
  activityEstimates: [],
  intakeKcal: 1900,
  fasted: false,
};

describe("TV-D daily deficit bookkeeping", () => {
  it("D1: basal 1850 + active 550, intake 1900 → EE 2400, deficit +500", () => {
    const day = computeDayEnergy(DEVICE_DAY);
    expect(day.burnedKcal).toBe(2400);
    expect(day.deficitKcal).toBe(500);
    expect(day.status).toBe("complete");
    expect(day.provenance).toMatchObject({ basal: "device", active: "device", intake: "logged" });
  });

  it("D2: unlogged intake → deficit null, never 0 kcal eaten", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, intakeKcal: null });
    expect(day.intakeKcal).toBeNull();
    expect(day.deficitKcal).toBeNull();
    expect(day.burnedKcal).toBe(2400);
    expect(day.status).toBe("unlogged");
  });

  it("D2: a day marked fasted is the only way to 0 kcal", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, intakeKcal: null, fasted: true });
    expect(day.intakeKcal).toBe(0);
    expect(day.deficitKcal).toBe(2400);
    expect(day.provenance.intake).toBe("fasted");
    expect(() => computeDayEnergy({ ...DEVICE_DAY, intakeKcal: 500, fasted: true })).toThrow(RangeError);
  });

  it("D2: weekly mean over logged days: 450 over n = 4; withheld with 3", () => {
    const week = [500, 400, null, 600, null, null, 300].map((deficitKcal) => ({ deficitKcal, partial: false }));
    expect(weeklyMeanDeficit(week)).toEqual({ meanDeficitKcal: 450, loggedDays: 4, withheld: false });
    const three = week.map((d, i) => (i === 6 ? { ...d, deficitKcal: null } : d));
    expect(weeklyMeanDeficit(three)).toEqual({ meanDeficitKcal: null, loggedDays: 3, withheld: true });
  });

  it("D3: device basal present → formula BMR is ignored: 2400, never 4255", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, bmrKcalPerDay: 1855 });
    expect(day.burnedKcal).toBe(2400);
    expect(day.provenance.basal).toBe("device");
  });

  it("D3: without device basal the formula replaces it: 1855 + 550 = 2405", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, deviceBasalKcal: null, bmrKcalPerDay: 1855 });
    expect(day.burnedKcal).toBe(2405);
    expect(day.provenance.basal).toBe("formula");
  });

  it("D4: a watch workout (300 kcal) already inside the day's active 550 is not added: 2400, not 2700", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, activityEstimates: [{ netKcal: 300, method: "device-workout" }] });
    expect(day.burnedKcal).toBe(2400);
    expect(day.provenance.supersededEstimateKcal).toBe(300);
  });

  it("D5: formula mode adds net MET energy: 1855 + 337.5 = 2192.5, not 2260", () => {
    const netKcal = metNetKcal({ met: 6.0, weightKg: 90, durationMin: 45 });
    expect(netKcal).toBeCloseTo(337.5, 10);
    const day = computeDayEnergy({
      ...DEVICE_DAY,
      deviceBasalKcal: null,
      deviceActiveKcal: null,
      bmrKcalPerDay: 1855,
      activityEstimates: [{ netKcal, method: "met" }],
    });
    expect(day.burnedKcal).toBeCloseTo(2192.5, 10);
    expect(day.provenance).toMatchObject({ basal: "formula", active: "estimates", activeMethods: ["met"] });
  });

  it("D7: formula BMR on a 23-h and a 25-h DST day", () => {
    const formulaDay = { ...DEVICE_DAY, deviceBasalKcal: null, deviceActiveKcal: null, bmrKcalPerDay: 1850 };
    expect(computeDayEnergy({ ...formulaDay, dayLengthHours: 23 }).basalKcal).toBeCloseTo(1772.92, 2);
    expect(computeDayEnergy({ ...formulaDay, dayLengthHours: 25 }).basalKcal).toBeCloseTo(1927.08, 2);
  });

  it("D7: device basal on a DST day is taken as-is", () => {
    expect(computeDayEnergy({ ...DEVICE_DAY, dayLengthHours: 23 }).basalKcal).toBe(1850);
  });

  it("D8: partial day at 14:00 → balance so far +179.17, partial, excluded from weekly stats", () => {
    const day = computeDayEnergy({
      ...DEVICE_DAY,
      elapsedHours: 14,
      deviceBasalKcal: null,
      deviceActiveKcal: 300,
      bmrKcalPerDay: 1850,
      intakeKcal: 1200,
    });
    expect(day.basalKcal).toBeCloseTo(1079.17, 2);
    expect(day.deficitKcal).toBeCloseTo(179.17, 2);
    expect(day.partial).toBe(true);
    expect(day.status).toBe("in-progress");
    const week = [...[500, 400, 600, 300].map((d) => ({ deficitKcal: d, partial: false })), day];
    expect(weeklyMeanDeficit(week)).toEqual({ meanDeficitKcal: 450, loggedDays: 4, withheld: false });
  });

  it("no basal source at all → expenditure and deficit unknown, not a guess", () => {
    const day = computeDayEnergy({ ...DEVICE_DAY, deviceBasalKcal: null });
    expect(day.burnedKcal).toBeNull();
    expect(day.deficitKcal).toBeNull();
    expect(day.status).toBe("no-expenditure");
  });

  it("rejects negative energy and an elapsed time beyond the day", () => {
    expect(() => computeDayEnergy({ ...DEVICE_DAY, deviceActiveKcal: -1 })).toThrow(RangeError);
    const formulaDay = { ...DEVICE_DAY, deviceBasalKcal: null, bmrKcalPerDay: 1850 };
    expect(() => computeDayEnergy({ ...formulaDay, elapsedHours: 25 })).toThrow(RangeError);
  });
});
