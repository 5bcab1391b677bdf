import { describe, expect, it } from "vitest";
import { weeksAffectedByDay } from "../../../../src/domain/projections/affected-weeks.js";
import { calibrate, type EnergyDayFacts, observedWeekChangeKg, weekBalance } from "../../../../src/domain/projections/week-facts.js";
import { addDays, weekEndOf, weekStartOf } from "../../../../src/lib/calendar.js";

const WEEK = "2026-11-16"; // a Monday

function day(localDate: string, burnedKcal: number, intakeKcal: number | null, status: EnergyDayFacts["status"] = "complete"): EnergyDayFacts {
  return {
    localDate,
    status,
    burnedKcal,
    burnedLowKcal: burnedKcal * 0.9,
    burnedHighKcal: burnedKcal * 1.1,
    intakeKcal,
    deficitKcal: intakeKcal === null ? null : burnedKcal - intakeKcal,
    flags: [],
    flagsConfirmed: false,
  };
}

describe("local ISO weeks (Monday first)", () => {
  it("maps every weekday to its Monday, across a year boundary", () => {
    expect(weekStartOf("2026-11-16")).toBe("2026-11-16");
    expect(weekStartOf("2026-11-22")).toBe("2026-11-16"); // Sunday
    expect(weekStartOf("2026-11-23")).toBe("2026-11-23");
    expect(weekStartOf("2026-01-01")).toBe("2025-12-29"); // Thursday
    expect(weekEndOf("2025-12-29")).toBe("2026-01-04");
  });

  it("a day feeds its week and the weeks whose 28-day window holds it, never weeks not yet begun", () => {
    const now = new Date("2027-06-01T00:00:00Z");
    // Sunday 2026-11-22 + 27 days = 2026-12-19 (Saturday of the week starting 2026-12-14).
    expect(weeksAffectedByDay("2026-11-22", now)).toEqual(["2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"]);
    // Monday 2026-11-16 + 27 = 2026-12-13, a Sunday: four weeks.
    expect(weeksAffectedByDay("2026-11-16", now)).toEqual(["2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"]);
    // On Wednesday 2026-11-25 (UTC) the latest week begun anywhere is the one starting 2026-11-23.
    expect(weeksAffectedByDay("2026-11-16", new Date("2026-11-25T12:00:00Z"))).toEqual(["2026-11-16", "2026-11-23"]);
  });
});

describe("weekBalance: complete logged days only", () => {
  it("deficits [500, 400, –, 600, –, –, 300] → mean 450 over 4 days", () => {
    const days = [
      day("2026-11-16", 2500, 2000),
      day("2026-11-17", 2400, 2000),
      day("2026-11-18", 2400, null, "no_intake"),
      day("2026-11-19", 2600, 2000),
      day("2026-11-20", 2700, 1500, "partial"),
      day("2026-11-21", 2400, null, "no_intake"),
      day("2026-11-22", 2300, 2000),
      day("2026-11-23", 9999, 0), // next week: never counted
    ];
    const balance = weekBalance(days, WEEK);
    expect(balance).toMatchObject({ loggedDays: 4, meanDeficitKcal: 450, meanIntakeKcal: 2000, meanBurnKcal: 2450 });
    // The days' burn ranges (±10 % here) average into the week's.
    expect(balance.meanBurnRange?.[0]).toBeCloseTo(2205, 9);
    expect(balance.meanBurnRange?.[1]).toBeCloseTo(2695, 9);
  });

  it("a flagged day counts only once confirmed; an in-progress day never", () => {
    const base = [day("2026-11-16", 2500, 2000), day("2026-11-17", 2400, 2000), day("2026-11-18", 2400, 2000), day("2026-11-19", 2400, 2000)];
    const typo = { ...day("2026-11-20", 2400, 19_999), flags: ["implausible_intake"] };
    expect(weekBalance([...base, typo], WEEK)).toMatchObject({ loggedDays: 4, meanIntakeKcal: 2000 });
    expect(weekBalance([...base, { ...typo, flagsConfirmed: true }], WEEK)).toMatchObject({ loggedDays: 5 });
    expect(weekBalance([...base, day("2026-11-21", 1000, 500, "in_progress")], WEEK)).toMatchObject({ loggedDays: 4 });
  });

  it("withholds the mean under 4 complete days", () => {
    const days = [day("2026-11-16", 2500, 2000), day("2026-11-17", 2400, 2000), day("2026-11-18", 2600, 2000)];
    expect(weekBalance(days, WEEK)).toEqual({ loggedDays: 3, meanDeficitKcal: null, meanIntakeKcal: null, meanBurnKcal: null, meanBurnRange: null });
  });
});

describe("observedWeekChangeKg: trend from the day before the week to its Sunday", () => {
  it("weighing daily: 80 before, 79 every day of the week → −(1 − 0.9⁷) = −0.521703 kg", () => {
    const weights = [
      { localDate: "2026-11-10", weightKg: 80 },
      { localDate: "2026-11-15", weightKg: 80 },
      ...Array.from({ length: 7 }, (_, i) => ({ localDate: addDays(WEEK, i), weightKg: 79 })),
    ];
    expect(observedWeekChangeKg(weights, WEEK)).toBeCloseTo(-0.521703, 6);
  });

  it("gaps use α_eff = 1 − 0.9^Δdays: Monday and Sunday only give the same −0.521703 kg", () => {
    // Monday: 80 − 0.1 × 1 = 79.9; Sunday (6 days later): 79.9 − (1 − 0.9⁶) × 0.9 = 79.478297.
    const weights = [
      { localDate: "2026-11-15", weightKg: 80 },
      { localDate: "2026-11-16", weightKg: 79 },
      { localDate: "2026-11-22", weightKg: 79 },
    ];
    expect(observedWeekChangeKg(weights, WEEK)).toBeCloseTo(-0.521703, 6);
  });

  it("is null without a weigh-in before the week, or without one inside it", () => {
    expect(
      observedWeekChangeKg(
        [
          { localDate: "2026-11-17", weightKg: 80 },
          { localDate: "2026-11-20", weightKg: 79 },
        ],
        WEEK,
      ),
    ).toBeNull();
    expect(observedWeekChangeKg([{ localDate: "2026-11-10", weightKg: 80 }], WEEK)).toBeNull();
  });
});

describe("calibrate: adaptive TDEE over the 28 days ending on the week's Sunday (docs/science.md §3.8)", () => {
  const windowFrom = addDays(weekEndOf(WEEK), -27);
  const dates = Array.from({ length: 28 }, (_, i) => addDays(windowFrom, i));
  const days = dates.map((d) => day(d, 2600, 2000));
  // Exactly linear: OLS slope −0.05 kg/day.
  const weights = dates.map((d, i) => ({ localDate: d, weightKg: 80 - 0.05 * i }));

  it("intake 2000, slope −0.05 kg/d, ρ(F = 20 kg) = 6,832 kcal/kg → TDEE 2,341.6, factor 2341.6 / 2600", () => {
    const c = calibrate(days, weights, WEEK, 20);
    expect(c?.windowFrom).toBe("2026-10-26");
    expect(c?.windowTo).toBe("2026-11-22");
    expect(c?.energyDensityKcalPerKg).toBeCloseTo(6832.4, 1);
    expect(c?.slopeKgPerDay).toBeCloseTo(-0.05, 10);
    expect(c?.adaptiveTdeeKcal).toBeCloseTo(2341.6, 1);
    expect(c?.factor).toBeCloseTo(2341.62 / 2600, 4);
    expect(c?.applied).toBe(true);
    expect(c?.daysWithWeightAndIntake).toBe(28);
  });

  it("without a fat mass it uses 7,700 kcal/kg: 2000 + 385 = 2385", () => {
    expect(calibrate(days, weights, WEEK, null)?.adaptiveTdeeKcal).toBeCloseTo(2385, 6);
  });

  it("needs 14 days with both a weigh-in and a complete intake", () => {
    const fourteen = weights.filter((_, i) => i % 2 === 0);
    expect(calibrate(days, fourteen, WEEK, 20)?.daysWithWeightAndIntake).toBe(14);
    expect(calibrate(days, fourteen.slice(1), WEEK, 20)).toBeNull();
    const partialDays = days.map((d, i) => (i < 15 ? { ...d, status: "partial" as const } : d));
    expect(calibrate(partialDays, weights, WEEK, 20)).toBeNull();
  });

  it("reports but does not apply a factor outside 0.6–1.4", () => {
    const c = calibrate(
      dates.map((d) => day(d, 1200, 2000)),
      weights,
      WEEK,
      20,
    );
    expect(c?.factor).toBeCloseTo(2341.62 / 1200, 3);
    expect(c?.applied).toBe(false);
  });
});
