// Shared by the FIT, TCX and GPX parsers: turns a workout assembled from a track into checked events.
// Implausible totals are left out with a rejection; implausible stream readings are dropped and counted.
import { implausibility } from "../plausibility.js";
import type { HeartRatePoint, ParseEvent, ParsedWorkout } from "../types.js";

export interface TrackPoint {
  tMs: number;
  hrBpm: number | null;
  speedMps: number | null;
  powerW: number | null;
}

export type WorkoutDraft = Omit<ParsedWorkout, "heartRate" | "speedMps" | "powerW"> & {
  /** Oldest first; points sharing a timestamp keep the first reading. */
  points: readonly TrackPoint[];
};

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function isUsable(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value >= 0;
}

function streamsOf(points: readonly TrackPoint[], nowMs: number) {
  const heartRate: HeartRatePoint[] = [];
  const speedMps: { tMs: number; value: number }[] = [];
  const powerW: { tMs: number; value: number }[] = [];
  let droppedHr = 0;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    if (point.tMs === lastMs) continue;
    lastMs = point.tMs;
    if (point.hrBpm !== null) {
      if (implausibility("heart_rate", point.hrBpm, point.tMs, point.tMs, nowMs) === null) {
        heartRate.push({ tMs: point.tMs, bpm: point.hrBpm });
      } else droppedHr++;
    }
    if (isUsable(point.speedMps)) speedMps.push({ tMs: point.tMs, value: point.speedMps });
    if (isUsable(point.powerW)) powerW.push({ tMs: point.tMs, value: point.powerW });
  }
  return { heartRate, speedMps, powerW, droppedHr };
}

/** `where` names the workout in rejections ("session 2", "activity 1", "track 1"). */
export function draftEvents(draft: WorkoutDraft, where: string, nowMs: number): ParseEvent[] {
  const { points, ...summary } = draft;
  const timeProblem = implausibility("active_energy", 0, summary.startMs, summary.endMs, nowMs);
  if (timeProblem) return [rejected(where, `The workout was not imported: ${timeProblem}.`, "workout")];
  const events: ParseEvent[] = [];
  const checked = (type: "active_energy" | "distance", value: number | null): number | null => {
    if (value === null) return null;
    const problem = implausibility(type, value, summary.startMs, summary.endMs, nowMs);
    if (problem) events.push(rejected(where, `The workout's ${type.replace("_", " ")} was left out: ${problem}.`, "workout"));
    return problem ? null : value;
  };
  const { heartRate, speedMps, powerW, droppedHr } = streamsOf(points, nowMs);
  const workout: ParsedWorkout = {
    ...summary,
    activeEnergyKcal: checked("active_energy", summary.activeEnergyKcal),
    distanceM: checked("distance", summary.distanceM),
    heartRate,
    speedMps,
    powerW,
  };
  events.unshift({ kind: "workout", workout });
  if (droppedHr > 0) {
    events.push(rejected(where, `${droppedHr} heart-rate readings outside the plausible range were left out.`, "heart_rate"));
  }
  return events;
}
