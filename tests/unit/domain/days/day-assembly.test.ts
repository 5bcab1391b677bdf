import { describe, expect, it } from "vitest";
import { type AssembleInput, assembleDay, type DayIntake } from "../../../../src/domain/days/day-assembly.js";
import { type DayMeasures, emptyDayMeasures } from "../../../../src/domain/days/day-measures.js";
import type { DayWorkoutRow } from "../../../../src/domain/days/day-records.js";
import { mifflinStJeorBmrKcal } from "../../../../src/domain/energy/bmr.js";
import { METHOD_ERROR } from "../../../../src/domain/energy/energy-ranges.js";
import { metNetKcal } from "../../../../src/domain/energy/met.js";

const PERSON = { sex: "male" as const, ageYears: 40, heightCm: 180, weightKg: 80 };
const BMR = mifflinStJeorBmrKcal(PERSON); // 1,755 kcal/day
const UNLOGGED: DayIntake = { totalKcal: null, entryCount: 0, status: "unlogged", fasted: false, possiblyPartial: false };
const logged = (kcal: number): DayIntake => ({ totalKcal: kcal, entryCount: 1, status: "logged", fasted: false, possiblyPartial: false });
const SOURCES = new Map([[1, { name: "Watch", deviceType: "watch" }]]);

function measures(overrides: Partial<DayMeasures> = {}): DayMeasures {
  return { ...emptyDayMeasures(), hasData: true, coverageHours: 24, ...overrides };
}

const device = (kcal: number) => ({ total: kcal, present: true, bySource: new Map([[1, kcal]]) });

function input(overrides: Partial<AssembleInput>): AssembleInput {
  return {
    localDate: "2026-11-20",
    dayLengthHours: 24,
    elapsedHours: null,
    person: PERSON,
    measures: measures(),
    intake: UNLOGGED,
    sources: SOURCES,
    confirmedFlags: [],
    ...overrides,
  };
}

function run(minutes: number, startIso = "2026-11-20T18:00:00Z"): DayWorkoutRow {
  const startMs = Date.parse(startIso);
  return {
    id: "wkt_1",
    activityType: "running",
    duplicateOf: null,
    duplicateReason: null,
    startMs,
    endMs: startMs + minutes * 60_000,
    durationS: minutes * 60,
    activeEnergyKcal: null,
    avgHrBpm: null,
    sourceName: "Watch",
    deviceType: "watch",
    format: null,
    energyBasis: "net",
    utcOffsetMin: -600,
    localDate: "2026-11-20",
  };
}

describe("assembleDay", () => {
  it("device basal + active and a logged intake: the deficit, a complete day, and the methods' range", () => {
    const day = assembleDay(input({ measures: measures({ basal: device(1800), active: device(600) }), intake: logged(2000) }));
    expect(day.energy).toMatchObject({ basalKcal: 1800, activeKcal: 600, burnedKcal: 2400, intakeKcal: 2000, deficitKcal: 400 });
    expect(day.status).toBe("complete");
    expect([day.basalMethod, day.activeMethod]).toEqual(["device", "device"]);
    const { device_basal: b, device_active: a } = METHOD_ERROR;
    expect(day.burnedRange).toEqual([1800 * (1 - b.under) + 600 * (1 - a.under), 1800 * (1 + b.over) + 600 * (1 + a.over)]);
    expect(day.flags).toEqual([]);
  });

  it("without device energy: formula BMR plus a MET estimate of the workout, its share of the day only", () => {
    const workout = run(60);
    const day = assembleDay(input({ measures: measures({ workouts: [{ row: workout, dayFraction: 0.5 }] }) }));
    const runKcal = metNetKcal({ met: 9.3, weightKg: 80, durationMin: 60 }) * 0.5;
    expect(day.energy.basalKcal).toBeCloseTo(BMR, 6);
    expect(day.energy.activeKcal).toBeCloseTo(runKcal, 6);
    expect(day.status).toBe("no_intake");
    expect(day.activeMethod).toBe("met");
    expect(day.burnedRange?.[0]).toBeCloseTo(BMR * 0.9 + runKcal * (1 - METHOD_ERROR.met.under), 6);
    expect(day.breakdown.workouts).toEqual([
      expect.objectContaining({ id: "wkt_1", local_date: "2026-11-20", day_fraction: 0.5, counted: true, method: "met" }),
    ]);
  });

  it("the current local day is in_progress: basal accrues by the hours gone, whatever the coverage", () => {
    const day = assembleDay(input({ elapsedHours: 14, measures: measures({ coverageHours: 3 }), intake: logged(1200) }));
    expect(day.status).toBe("in_progress");
    expect(day.energy.basalKcal).toBeCloseTo((BMR * 14) / 24, 6);
    expect(day.flags).toEqual([]);
  });

  it("a 23-hour DST day pro-rates the formula BMR", () => {
    expect(assembleDay(input({ dayLengthHours: 23 })).energy.basalKcal).toBeCloseTo((BMR * 23) / 24, 6);
  });

  it("no rows at all is no_data; too few covered hours or a possibly partial log is partial", () => {
    expect(assembleDay(input({ measures: emptyDayMeasures() })).status).toBe("no_data");
    expect(assembleDay(input({ measures: measures({ coverageHours: 15.9 }), intake: logged(2000) })).status).toBe("partial");
    const partialLog = { ...logged(300), possiblyPartial: true };
    const day = assembleDay(input({ intake: partialLog }));
    expect([day.status, day.intakeStatus]).toEqual(["partial", "possibly_partial"]);
  });

  it("a finished day without any wearable record has no burn: no estimated BMR, no deficit, intake as logged", () => {
    const none = assembleDay(input({ measures: emptyDayMeasures() }));
    expect([none.status, none.energy.basalKcal, none.energy.burnedKcal, none.energy.intakeKcal, none.burnedRange, none.basalMethod]).toEqual([
      "no_data",
      null,
      null,
      null,
      null,
      "none",
    ]);
    const meal = assembleDay(input({ measures: emptyDayMeasures(), intake: logged(1800) }));
    expect([meal.status, meal.energy.intakeKcal, meal.energy.deficitKcal, meal.energy.burnedKcal]).toEqual(["no_data", 1800, null, null]);
    // The running day is shown so far: the basal accrued for the hours gone by, with or without records yet.
    expect(assembleDay(input({ measures: emptyDayMeasures(), elapsedHours: 12 })).energy.basalKcal).toBeCloseTo(BMR / 2, 6);
  });

  it("a 19,999 kcal day is flagged implausible_intake; confirming that flag lets it count", () => {
    const flagged = assembleDay(input({ measures: measures({ basal: device(1800), active: device(600) }), intake: logged(19_999) }));
    expect(flagged.flags).toEqual(["implausible_intake"]);
    expect(flagged.flagsConfirmed).toBe(false);
    expect(flagged.status).toBe("complete");
    const confirmed = assembleDay(
      input({ measures: measures({ basal: device(1800), active: device(600) }), intake: logged(19_999), confirmedFlags: ["implausible_intake"] }),
    );
    expect(confirmed.flagsConfirmed).toBe(true);
  });

  it("a whole covered day whose device burn is below 0.8 × BMR is implausible_burn; a partial one is not judged low", () => {
    const low = assembleDay(input({ measures: measures({ basal: device(900), active: device(100) }) }));
    expect(low.flags).toEqual(["implausible_burn"]);
    const partial = assembleDay(input({ measures: measures({ basal: device(900), active: device(100), coverageHours: 10 }) }));
    expect(partial.flags).toEqual([]);
  });

  it("device active energy supersedes the estimates and says so per workout", () => {
    const day = assembleDay(
      input({ measures: measures({ basal: device(1800), active: device(500), workouts: [{ row: run(30), dayFraction: 1 }] }) }),
    );
    expect(day.energy.activeKcal).toBe(500);
    expect(day.breakdown.workouts).toEqual([expect.objectContaining({ counted: false, reason: "already inside the device's active energy" })]);
  });

  it("without a profile and without device basal the burn and its range are unknown", () => {
    const day = assembleDay(input({ person: null, intake: logged(2000) }));
    expect([day.energy.burnedKcal, day.energy.deficitKcal, day.burnedRange]).toEqual([null, null, null]);
  });
});
