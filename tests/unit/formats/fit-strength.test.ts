import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { parseFit } from "../../../src/formats/fit/parse-fit.js";

const NOW_MS = Date.UTC(2026, 0, 1);

function parse(name: string): ParseEvent[] {
  return parseFit(readFileSync(new URL(`../../fixtures/fit/${name}`, import.meta.url)), { nowMs: NOW_MS });
}

function workoutsOf(events: ParseEvent[]): ParsedWorkout[] {
  return events.flatMap((event) => (event.kind === "workout" ? [event.workout] : []));
}

// A real Garmin strength activity (jarkko/fit-analyzer): one training/strength_training session starting
// 2025-10-20T17:44:06Z, 27 `set` messages of which 14 are active (the others are rests). The values below are the
// file's own, as its set messages hold them (start_time, repetitions, weight in kg, first exercise category).
describe("FIT strength sets (Garmin, real file)", () => {
  const events = parse("fitanalyzer__garmin-strength-20748058539.fit");
  const [workout] = workoutsOf(events);

  it("reads one strength workout and no longer counts set messages as skipped", () => {
    expect(workoutsOf(events)).toHaveLength(1);
    expect(workout?.activityType).toBe("strength_training");
    expect(workout?.startMs).toBe(Date.parse("2025-10-20T17:44:06Z"));
    expect(events.some((e) => e.kind === "skipped" && e.recordType === "set")).toBe(false);
  });

  it("keeps the 14 active sets in order with the file's reps, loads and exercises", () => {
    const sets = workout?.sets ?? [];
    expect(sets).toHaveLength(14);
    expect(sets.map((s) => s.reps)).toEqual([15, 1, 1, 1, 8, 6, 6, 6, 6, 6, 6, 6, 6, 0]);
    expect(sets.reduce((sum, s) => sum + (s.reps ?? 0), 0)).toBe(74);
    expect(sets.map((s) => s.weightKg)).toEqual([0, 0, 0, 0, 0, 0, 14, 0, 14, 0, 14, 0, 14, 14]);
    expect(sets.map((s) => s.exercise)).toEqual([
      "pull_up",
      "triceps_extension",
      "shrug",
      "unknown",
      "unknown",
      "unknown",
      "bench_press",
      "squat",
      "unknown",
      "sit_up",
      "lunge",
      "unknown",
      "squat",
      "unknown",
    ]);
  });

  it("keeps each set's duration and start within the session", () => {
    const [first, , , , , , bench] = workout?.sets ?? [];
    expect(first?.durationS).toBeCloseTo(75.391, 3);
    expect(first?.startOffsetS).toBe(0);
    // Bench press started at 18:00:07Z, 961 s after the session's start.
    expect(bench?.startOffsetS).toBe(961);
    expect(bench?.durationS).toBeCloseTo(28.58, 3);
    expect(bench?.metClass).toBe("resistance_moderate");
  });
});

describe("FIT strength sets in a multisport file (strength, run, strength)", () => {
  const found = workoutsOf(parse("fitanalyzer__garmin-strength-run-strength-20555050352.fit"));

  it("gives each session only its own sets", () => {
    expect(found.map((w) => w.activityType)).toEqual(["strength_training", "running", "strength_training"]);
    expect(found.map((w) => w.sets.length)).toEqual([4, 0, 16]);
    expect(found[0]?.sets.map((s) => s.reps)).toEqual([1, 15, 10, 1]);
    expect(found[2]?.sets.filter((s) => s.exercise === "dumbbell_row").map((s) => [s.reps, s.weightKg])).toEqual([[10, 14]]);
  });
});
