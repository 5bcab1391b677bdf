import { describe, expect, it } from "vitest";
import {
  aerobicTarget,
  backDays,
  intensityOfMet,
  minutesFromHrBands,
  minutesFromMet,
  moderateEquivalentMinutes,
  volumeByMuscleGroup,
} from "../../../../src/domain/training/activity-week.js";

describe("WHO 2020 weekly targets", () => {
  it("classes METs: 3–5.9 moderate, 6 and above vigorous", () => {
    expect(intensityOfMet(2.9)).toBe("light");
    expect(intensityOfMet(3)).toBe("moderate");
    expect(intensityOfMet(5.9)).toBe("moderate");
    expect(intensityOfMet(6)).toBe("vigorous");
  });

  it("counts a vigorous minute as two moderate ones", () => {
    expect(moderateEquivalentMinutes({ moderate: 90, vigorous: 30 })).toBe(150);
    expect(aerobicTarget({ moderate: 90, vigorous: 30 })).toMatchObject({ moderate_equivalent_min: 150, met: true, reached_upper: false });
    expect(aerobicTarget({ moderate: 149, vigorous: 0 }).met).toBe(false);
    expect(aerobicTarget({ moderate: 0, vigorous: 150 }).reached_upper).toBe(true);
  });

  it("takes ACSM heart-rate bands: vigorous plus near-maximal count as vigorous", () => {
    expect(minutesFromHrBands({ light: 600, moderate: 1200, vigorous: 300, "near-maximal": 60 })).toEqual({ moderate: 20, vigorous: 6 });
  });

  it("falls back to the workout's MET", () => {
    expect(minutesFromMet(3.8, 30)).toEqual({ moderate: 30, vigorous: 0 });
    expect(minutesFromMet(7.5, 20)).toEqual({ moderate: 0, vigorous: 20 });
    expect(minutesFromMet(2.3, 40)).toEqual({ moderate: 0, vigorous: 0 });
  });
});

describe("volume per muscle group", () => {
  const sets = [
    { localDate: "2026-11-23", exercise: "dumbbell_row", reps: 12, weightKg: 10 },
    { localDate: "2026-11-23", exercise: "dumbbell_row", reps: 10, weightKg: 12 },
    { localDate: "2026-11-25", exercise: "plank", reps: null, weightKg: null },
    { localDate: "2026-11-26", exercise: "Turkish get-up", reps: 5, weightKg: 16 },
  ];

  it("adds sets, reps and reps × load per group the exercise trains", () => {
    const volume = volumeByMuscleGroup(sets);
    expect(volume.get("back")).toEqual({ sets: 2, reps: 22, volumeKg: 240 });
    expect(volume.get("arms")).toEqual({ sets: 2, reps: 22, volumeKg: 240 });
    expect(volume.get("core")).toEqual({ sets: 1, reps: 0, volumeKg: 0 });
    expect(volume.get("unclassified")).toEqual({ sets: 1, reps: 5, volumeKg: 80 });
  });

  it("finds the days with back work", () => {
    expect([...backDays(sets)]).toEqual(["2026-11-23"]);
  });
});
