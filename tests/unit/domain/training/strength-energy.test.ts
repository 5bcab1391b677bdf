import { describe, expect, it } from "vitest";
import { compendiumMet } from "../../../../src/domain/energy/met-compendium.js";
import {
  DEFAULT_MET_CLASS,
  EXERCISES,
  exerciseOfFitCategory,
  MET_CLASS_NAMES,
  metOfClass,
  resolveExercise,
} from "../../../../src/domain/training/exercise-catalogue.js";
import { setProblem } from "../../../../src/domain/training/set-rules.js";
import {
  DEFAULT_REST_BETWEEN_SETS_S,
  MAX_COUNTED_REST_S,
  type StrengthSet,
  setTimes,
  strengthEnergy,
} from "../../../../src/domain/training/strength-energy.js";

const set = (metClass: StrengthSet["metClass"], fields: Partial<StrengthSet> = {}): StrengthSet => ({
  metClass,
  reps: null,
  durationS: null,
  startOffsetS: null,
  ...fields,
});

describe("the exercise catalogue", () => {
  it("prices every MET class by a 2024 Compendium code that is in the table", () => {
    for (const metClass of MET_CLASS_NAMES) expect(metOfClass(metClass)).toBeGreaterThan(1);
    expect(metOfClass("resistance_moderate")).toBe(3.5);
    expect(metOfClass("calisthenics_moderate")).toBe(3.8);
    expect(metOfClass("calisthenics_light")).toBe(2.8);
    expect(metOfClass("kettlebell_swings")).toBe(9.8);
    expect(compendiumMet("02058", 2024)?.activity).toContain("kettlebell");
  });

  it("holds the guide's eight back exercises", () => {
    const guide = EXERCISES.filter((e) => e.guide).map((e) => e.key);
    expect(guide).toEqual([
      "dumbbell_lateral_raise",
      "push_up",
      "dumbbell_swing",
      "reverse_hip_raise",
      "side_jackknife",
      "dumbbell_row",
      "band_seated_row",
      "plank",
    ]);
  });

  it("maps FIT exercise categories onto catalogue entries", () => {
    expect(exerciseOfFitCategory("bench_press")?.key).toBe("bench_press");
    expect(exerciseOfFitCategory("row")?.key).toBe("dumbbell_row");
    expect(exerciseOfFitCategory("hip_swing")?.metClass).toBe("kettlebell_swings");
    expect(exerciseOfFitCategory("unknown")).toBeNull();
  });

  it("keeps an unknown exercise as free text with the chosen class, else the documented default", () => {
    expect(resolveExercise("Push Ups", null)).toEqual({ exercise: "push_up", known: true, metClass: "calisthenics_moderate" });
    expect(resolveExercise("Turkish get-up", null)).toEqual({ exercise: "Turkish get-up", known: false, metClass: DEFAULT_MET_CLASS });
    expect(resolveExercise("Turkish get-up", "resistance_vigorous").metClass).toBe("resistance_vigorous");
  });
});

describe("absurd sets", () => {
  it.each([
    [{ reps: 10_000, weightKg: null, durationS: null, rpe: null }, "reps"],
    [{ reps: 8, weightKg: 2_000, durationS: null, rpe: null }, "weight_kg"],
    [{ reps: null, weightKg: null, durationS: -30, rpe: null }, "duration_s"],
    [{ reps: 2.5, weightKg: null, durationS: null, rpe: null }, "reps"],
    [{ reps: 8, weightKg: 20, durationS: null, rpe: 11 }, "rpe"],
  ])("%o is rejected on %s", (values, field) => {
    expect(setProblem(values)?.field).toBe(field);
  });

  it("a plausible set passes", () => {
    expect(setProblem({ reps: 12, weightKg: 8, durationS: 40, rpe: 7 })).toBeNull();
  });
});

// Worked values from the Compendium's own formula: net kcal = (MET − 1) × kg × h (1 kcal/kg/h per MET).
describe("strength energy over the time under work", () => {
  it("reps without durations: 3 s a rep plus 90 s rest between sets", () => {
    // 3 × 10 push-ups (02022, 3.8 MET), 80 kg: 3 × 30 s work + 2 × 90 s rest = 270 s = 0.075 h → 2.8 × 80 × 0.075.
    const sets = [1, 2, 3].map(() => set("calisthenics_moderate", { reps: 10 }));
    const energy = strengthEnergy(sets, 80, null);
    expect(energy?.timeUnderWorkS).toBe(270);
    expect(energy?.netKcal).toBeCloseTo(16.8, 10);
    expect(energy?.meanMet).toBeCloseTo(3.8, 10);
  });

  it("durations without reps (planks): the durations plus the default rests", () => {
    // 3 × 60 s plank (02024, 2.8 MET), 70 kg: 180 s + 180 s rest = 0.1 h → 1.8 × 70 × 0.1 = 12.6 kcal.
    const energy = strengthEnergy(
      [1, 2, 3].map(() => set("calisthenics_light", { durationS: 60 })),
      70,
      null,
    );
    expect(energy?.timeUnderWorkS).toBe(360);
    expect(energy?.netKcal).toBeCloseTo(12.6, 10);
  });

  it("each set at its own MET, the rest after it at the same MET", () => {
    // 10 swings (02058, 9.8) then 12 rows (02054, 3.5), 75 kg: (30 + 90) s at 9.8, 36 s at 3.5.
    const energy = strengthEnergy([set("kettlebell_swings", { reps: 10 }), set("resistance_moderate", { reps: 12 })], 75, null);
    const expected = 8.8 * 75 * (120 / 3600) + 2.5 * 75 * (36 / 3600);
    expect(energy?.netKcal).toBeCloseTo(expected, 10);
    expect(energy?.timeUnderWorkS).toBe(156);
  });

  it("measured start times give the measured rest, at most 300 s", () => {
    const times = setTimes(
      [
        set("resistance_moderate", { durationS: 40, startOffsetS: 0 }),
        set("resistance_moderate", { durationS: 40, startOffsetS: 100 }),
        set("resistance_moderate", { durationS: 40, startOffsetS: 1000 }),
      ],
      null,
    );
    expect(times).toEqual([
      { workS: 40, restS: 60 },
      { workS: 40, restS: MAX_COUNTED_REST_S },
      { workS: 40, restS: 0 },
    ]);
  });

  it("never more than the session's own length", () => {
    // 3 × 10 push-ups need 270 s; logged as a 120 s session, all of it counts and no more.
    const energy = strengthEnergy(
      [1, 2, 3].map(() => set("calisthenics_moderate", { reps: 10 })),
      80,
      120,
    );
    expect(energy?.timeUnderWorkS).toBeCloseTo(120, 10);
    expect(energy?.netKcal).toBeCloseTo(2.8 * 80 * (120 / 3600), 10);
  });

  it("a one-hour logged session with four sets is not an hour of work", () => {
    const energy = strengthEnergy(
      [1, 2, 3, 4].map(() => set("resistance_moderate", { reps: 12 })),
      80,
      3600,
    );
    expect(energy?.timeUnderWorkS).toBe(4 * 36 + 3 * DEFAULT_REST_BETWEEN_SETS_S);
    expect(energy?.netKcal).toBeCloseTo(2.5 * 80 * (414 / 3600), 10);
  });

  it("no sets, no estimate", () => {
    expect(strengthEnergy([], 80, 600)).toBeNull();
  });
});
