import { describe, expect, it } from "vitest";
import {
  BURN_MAX_MULTIPLE_OF_BMR,
  BURN_MIN_FRACTION_OF_BMR,
  dayFlags,
  flagsCleared,
  flagsConfirmed,
  INTAKE_MAX_KCAL,
  implausibleBurn,
  implausibleIntake,
} from "../../../../src/domain/days/day-plausibility.js";

const day = { intakeKcal: 2200, burnedKcal: 2500, bmrDayKcal: 1750, wholeDay: true };

describe("intake plausibility", () => {
  it("flags an intake above the absolute ceiling, whoever eats it", () => {
    expect(implausibleIntake({ ...day, intakeKcal: 19_999 })).toBe(true);
    expect(implausibleIntake({ intakeKcal: INTAKE_MAX_KCAL + 1, burnedKcal: null, bmrDayKcal: null, wholeDay: false })).toBe(true);
    expect(implausibleIntake({ intakeKcal: INTAKE_MAX_KCAL, burnedKcal: 4000, bmrDayKcal: 2000, wholeDay: true })).toBe(false);
  });

  it("flags more than 3 × the day's burn (or full-day BMR, when the burn so far is smaller)", () => {
    expect(implausibleIntake({ ...day, intakeKcal: 7_500 })).toBe(false);
    expect(implausibleIntake({ ...day, intakeKcal: 7_501 })).toBe(true);
    // At 08:00 the burn so far is small: the reference is the whole day's BMR, so breakfast is fine.
    expect(implausibleIntake({ intakeKcal: 900, burnedKcal: 600, bmrDayKcal: 1750, wholeDay: false })).toBe(false);
    expect(implausibleIntake({ ...day, intakeKcal: null })).toBe(false);
  });
});

describe("burn plausibility", () => {
  it("flags a burn above 5.5 × BMR or the absolute ceiling", () => {
    expect(implausibleBurn({ ...day, burnedKcal: BURN_MAX_MULTIPLE_OF_BMR * 1750 + 1 })).toBe(true);
    expect(implausibleBurn({ ...day, burnedKcal: 9_000 })).toBe(false);
    expect(implausibleBurn({ ...day, burnedKcal: 10_001, bmrDayKcal: null })).toBe(true);
  });

  it("flags a whole covered day below 0.8 × BMR, never a partial one", () => {
    const low = BURN_MIN_FRACTION_OF_BMR * 1750 - 1;
    expect(implausibleBurn({ ...day, burnedKcal: low })).toBe(true);
    expect(implausibleBurn({ ...day, burnedKcal: low, wholeDay: false })).toBe(false);
    expect(implausibleBurn({ ...day, burnedKcal: 1_500 })).toBe(false);
  });
});

describe("flags and confirmation", () => {
  it("lists both flags, and a day counts once every flag it carries was confirmed", () => {
    const flags = dayFlags({ intakeKcal: 19_999, burnedKcal: 300, bmrDayKcal: 1750, wholeDay: true });
    expect(flags).toEqual(["implausible_intake", "implausible_burn"]);
    expect(flagsConfirmed(flags, ["implausible_intake"])).toBe(false);
    expect(flagsConfirmed(flags, ["implausible_intake", "implausible_burn"])).toBe(true);
    expect(flagsCleared({ flags, flagsConfirmed: false })).toBe(false);
    expect(flagsCleared({ flags, flagsConfirmed: true })).toBe(true);
    expect(flagsCleared({ flags: [], flagsConfirmed: false })).toBe(true);
  });
});
