import { describe, expect, it } from "vitest";
import {
  cleanSeries,
  MAX_POINT_HR_BPM,
  MAX_POINT_POWER_W,
  MAX_POINT_SPEED_MPS,
  MIN_POINT_HR_BPM,
  pointProblem,
  SPAN_TOLERANCE_MS,
  workoutWindowProblem,
} from "../../../../src/domain/records/point-validity.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const START_MS = Date.UTC(2025, 5, 1, 7, 0, 0);
const END_MS = START_MS + 30 * 60_000;
const WINDOW = { startMs: START_MS, endMs: END_MS };
const at = (sec: number, value: number) => ({ tMs: START_MS + sec * 1000, value });

describe("workoutWindowProblem: only a workout whose own time is broken is rejected", () => {
  it("accepts an ordinary 30-minute workout and a zero-length one", () => {
    expect(workoutWindowProblem(START_MS, END_MS, NOW_MS)).toBeNull();
    expect(workoutWindowProblem(START_MS, START_MS, NOW_MS)).toBeNull();
  });

  it("rejects no time, end before start, before 2000, in the future and longer than 7 days", () => {
    expect(workoutWindowProblem(Number.NaN, END_MS, NOW_MS)).toBe("it has no valid start or end time");
    expect(workoutWindowProblem(END_MS, START_MS, NOW_MS)).toBe("its end is before its start");
    expect(workoutWindowProblem(Date.UTC(1999, 11, 31), Date.UTC(2000, 0, 1), NOW_MS)).toBe("its start is before the year 2000");
    expect(workoutWindowProblem(NOW_MS, NOW_MS + 25 * 3_600_000, NOW_MS)).toBe("its end is in the future");
    const week = 7 * 24 * 3_600_000;
    expect(workoutWindowProblem(START_MS, START_MS + week, NOW_MS)).toBeNull();
    expect(workoutWindowProblem(START_MS, START_MS + week + 1, NOW_MS)).toBe("it lasts more than 7 days");
  });
});

describe("pointProblem: the bounds of each series", () => {
  it("heart rate: 0 bpm (sensor off the skin), below 20, above 250 and NaN are impossible", () => {
    for (const bpm of [0, MIN_POINT_HR_BPM - 1, MAX_POINT_HR_BPM + 1, 255, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(pointProblem("heart_rate", at(60, bpm), WINDOW)).not.toBeNull();
    }
    for (const bpm of [MIN_POINT_HR_BPM, 42, 190, MAX_POINT_HR_BPM]) expect(pointProblem("heart_rate", at(60, bpm), WINDOW)).toBeNull();
  });

  it("speed and power: negative or absurd readings are impossible, 0 is standing still", () => {
    expect(pointProblem("speed", at(1, 0), WINDOW)).toBeNull();
    expect(pointProblem("speed", at(1, -0.1), WINDOW)).toBe("out of range");
    expect(pointProblem("speed", at(1, MAX_POINT_SPEED_MPS + 0.01), WINDOW)).toBe("out of range");
    expect(pointProblem("power", at(1, 0), WINDOW)).toBeNull();
    expect(pointProblem("power", at(1, 1250), WINDOW)).toBeNull();
    expect(pointProblem("power", at(1, 65535), WINDOW)).toBe("out of range");
    expect(pointProblem("power", at(1, MAX_POINT_POWER_W + 1), WINDOW)).toBe("out of range");
  });

  it("time: outside the workout beyond the tolerance, or no time at all", () => {
    expect(pointProblem("heart_rate", { tMs: START_MS - SPAN_TOLERANCE_MS, value: 120 }, WINDOW)).toBeNull();
    expect(pointProblem("heart_rate", { tMs: START_MS - SPAN_TOLERANCE_MS - 1, value: 120 }, WINDOW)).toBe("outside the workout");
    expect(pointProblem("heart_rate", { tMs: END_MS + SPAN_TOLERANCE_MS + 1, value: 120 }, WINDOW)).toBe("outside the workout");
    expect(pointProblem("heart_rate", { tMs: Number.NaN, value: 120 }, WINDOW)).toBe("no valid time");
  });
});

describe("cleanSeries", () => {
  it("drops one 0 bpm point out of 1,801 and keeps the 1,800 others in time order", () => {
    const points = Array.from({ length: 1801 }, (_, i) => at(i, i === 900 ? 0 : 120 + (i % 30)));
    const { kept, dropped } = cleanSeries("heart_rate", [...points].reverse(), WINDOW);
    expect(dropped).toBe(1);
    expect(kept).toHaveLength(1800);
    expect(kept.every((p, i) => i === 0 || p.tMs > (kept[i - 1]?.tMs ?? 0))).toBe(true);
    expect(kept.some((p) => p.tMs === START_MS + 900_000)).toBe(false);
  });

  it("keeps the first reading of a repeated timestamp without counting the repeat as dropped", () => {
    const { kept, dropped } = cleanSeries("heart_rate", [at(5, 130), at(5, 131), at(6, 132)], WINDOW);
    expect(kept.map((p) => p.value)).toEqual([130, 132]);
    expect(dropped).toBe(0);
  });

  it("counts every kind of impossible point once", () => {
    const points = [at(1, 0), at(2, 300), at(3, Number.NaN), { tMs: END_MS + 2 * SPAN_TOLERANCE_MS, value: 140 }, at(4, 140)];
    expect(cleanSeries("heart_rate", points, WINDOW)).toEqual({ kept: [at(4, 140)], dropped: 4 });
  });
});
