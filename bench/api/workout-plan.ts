import type { Prng } from "../lib/prng.js";

export type WorkoutKind = "running" | "hiit" | "traditional_strength_training";

/** Per-second HR target of a workout: warm-up, the main part by kind, cool-down. */
function targetBpm(kind: WorkoutKind, second: number, durationSec: number): number {
  const warmupSec = kind === "hiit" ? 480 : 300;
  const cooldownSec = 240;
  if (second < warmupSec) return 100 + (35 * second) / warmupSec;
  if (second >= durationSec - cooldownSec) return 115;
  const main = second - warmupSec;
  switch (kind) {
    case "running":
      return 152 + 8 * Math.sin(main / 600);
    case "hiit":
      // 60 s work, 90 s recovery: well above 85 % of HRmax (188) in each bout, so detection finds sessions.
      return main % 150 < 60 ? 178 : 128;
    case "traditional_strength_training":
      return main % 180 < 50 ? 138 : 108;
  }
}

/** 1 Hz heart rate that approaches its target like a real heart does (lag plus noise). */
export function heartRateSeries(kind: WorkoutKind, durationSec: number, r: Prng): number[] {
  const series: number[] = [];
  let bpm = 92;
  for (let s = 0; s < durationSec; s++) {
    bpm += (targetBpm(kind, s, durationSec) - bpm) * 0.06 + r.normal(0, 0.8);
    series.push(Math.round(Math.min(205, Math.max(45, bpm))));
  }
  return series;
}

/** Active kcal per minute of a workout (the watch's own active-energy samples during it). */
export function workoutKcalPerMinute(kind: WorkoutKind, r: Prng): number {
  switch (kind) {
    case "running":
      return r.float(9, 12.5);
    case "hiit":
      return r.float(7, 13);
    case "traditional_strength_training":
      return r.float(3, 5.5);
  }
}

/** Steps per minute during a workout. */
export function workoutStepsPerMinute(kind: WorkoutKind, r: Prng): number {
  switch (kind) {
    case "running":
      return r.int(150, 176);
    case "hiit":
      return r.int(40, 130);
    case "traditional_strength_training":
      return r.int(0, 25);
  }
}
