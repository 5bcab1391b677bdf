import { describe, expect, it } from "vitest";
import { trainingWeek, type WeekWorkout } from "../../../../src/domain/training/training-week.js";
import { datesBetween } from "../../../../src/lib/calendar.js";

const row = (exercise: string, reps: number, weightKg: number | null) => ({
  exercise,
  metClass: "resistance_moderate" as const,
  reps,
  weightKg,
  durationS: null,
  startOffsetS: null,
});

const workout = (fields: Partial<WeekWorkout> & Pick<WeekWorkout, "id">): WeekWorkout => ({
  activityType: "strength_training",
  localDate: "2026-11-23",
  durationS: 1800,
  duplicateOf: null,
  bandSeconds: null,
  sets: [],
  ...fields,
});

const dates = datesBetween("2026-11-23", "2026-11-29");

describe("the training week", () => {
  it("counts an activity once, taking the sets of a hand log whose watch record has none", () => {
    const week = trainingWeek({
      weekStart: "2026-11-23",
      dates,
      workouts: [
        workout({ id: "watch", bandSeconds: { moderate: 900, vigorous: 300 } }),
        workout({ id: "hand", duplicateOf: "watch", sets: [row("dumbbell_row", 12, 10), row("dumbbell_row", 12, 10)] }),
      ],
      hiitMinutesByDate: new Map([["2026-11-24", 12.5]]),
      stepsByDate: new Map([["2026-11-23", 7000]]),
      previousWeekMeanSteps: 8000,
    });
    expect(week.strengthSessions).toBe(1);
    expect(week.sets).toBe(2);
    expect(week.volumeByMuscleGroup.get("back")).toEqual({ sets: 2, reps: 24, volumeKg: 240 });
    // The watch's heart rate decides the minutes: 15 moderate, 5 vigorous.
    expect(week.intensityMinutes).toEqual({ moderate: 15, vigorous: 5 });
    expect(week.who.aerobic.moderate_equivalent_min).toBe(25);
    expect(week.hiitMinutes).toBe(12.5);
    expect(week.guide.walkingMore).toEqual({ meanSteps: 7000, previousWeekMeanSteps: 8000, met: false });
    expect(week.who.strengthDays).toEqual({ days: 1, target: 2, met: false });
  });

  it("uses the activity's MET when there is no heart rate and no set", () => {
    const week = trainingWeek({
      weekStart: "2026-11-23",
      dates,
      workouts: [workout({ id: "walk", activityType: "walking", durationS: 3600, bandSeconds: {} })],
      hiitMinutesByDate: new Map(),
      stepsByDate: new Map(),
      previousWeekMeanSteps: null,
    });
    // Walking 17190 (2024: 3.8 MET) is moderate: 60 minutes.
    expect(week.intensityMinutes).toEqual({ moderate: 60, vigorous: 0 });
    expect(week.strengthSessions).toBe(0);
    expect(week.guide.walkingMore.met).toBeNull();
  });
});
