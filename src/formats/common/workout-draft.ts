// Shared by every workout parser (FIT, TCX, GPX, Apple Health, Health Auto Export, Fitbit) and /v1/sync: turns a
// workout as read from a file into checked events. The rules themselves live in src/domain/records (pure, unit-tested):
// a workout is rejected only when its own time is broken; impossible points are dropped and counted; device
// summary values win over values computed from samples, and each total says which it is.

import type { SeriesKind, SeriesPoint, WorkoutWindow } from "../../domain/records/point-validity.js";
import { cleanSeries, SPAN_TOLERANCE_MS, workoutWindowProblem } from "../../domain/records/point-validity.js";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { Sourced } from "../../domain/records/summary-provenance.js";
import { heartRateOfSamples, plausibleSummaryHr, preferDevice } from "../../domain/records/summary-provenance.js";
import type { EnergyBasis } from "../../lib/vocabulary.js";
import type { ParsedSet, ParsedWorkout, ParseEvent, SourceRef } from "../contract.js";

export interface TrackPoint {
  tMs: number;
  hrBpm: number | null;
  speedMps: number | null;
  powerW: number | null;
}

/** Totals the recording device (or its platform) wrote in its own summary; null where it wrote none. */
export interface DeviceSummary {
  durationSec: number | null;
  activeEnergyKcal: number | null;
  distanceM: number | null;
  avgHrBpm: number | null;
  maxHrBpm: number | null;
}

export const NO_DEVICE_SUMMARY: DeviceSummary = {
  durationSec: null,
  activeEnergyKcal: null,
  distanceM: null,
  avgHrBpm: null,
  maxHrBpm: null,
};

export interface WorkoutDraft {
  externalId: string | null;
  /** Lower-case snake_case activity, e.g. "running". */
  activityType: string;
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
  source: SourceRef;
  /** What the device's energy total counts (see EnergyBasis): each parser states it for its format. */
  energyBasis: EnergyBasis;
  device: DeviceSummary;
  /** Totals computed from the points (record span, track geometry); used only where the device wrote none. */
  fromSamples: { durationSec: number | null; distanceM: number | null };
  /** In file order; impossible points are dropped and counted here. */
  points: readonly TrackPoint[];
  /** Strength sets, already checked (src/formats/common/strength-sets.ts). */
  sets?: readonly ParsedSet[];
}

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function series(points: readonly TrackPoint[], pick: (point: TrackPoint) => number | null): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const point of points) {
    const value = pick(point);
    if (value !== null) out.push({ tMs: point.tMs, value });
  }
  return out;
}

function cleaned(kind: SeriesKind, points: readonly TrackPoint[], window: WorkoutWindow, pick: (p: TrackPoint) => number | null) {
  return cleanSeries(kind, series(points, pick), window);
}

/** A timer longer than the workout's own span is impossible; such a "device" duration is not used. */
function plausibleDurationSec(durationSec: number | null, window: WorkoutWindow): number | null {
  if (durationSec === null || !Number.isFinite(durationSec) || durationSec < 0) return null;
  return durationSec * 1000 <= window.endMs - window.startMs + SPAN_TOLERANCE_MS ? durationSec : null;
}

function durationOf(draft: WorkoutDraft, window: WorkoutWindow): { value: number; source: "device" | "samples" } {
  const chosen = preferDevice(plausibleDurationSec(draft.device.durationSec, window), draft.fromSamples.durationSec);
  if (chosen.value !== null && chosen.source !== null) return { value: chosen.value, source: chosen.source };
  return { value: (window.endMs - window.startMs) / 1000, source: "samples" };
}

/** `where` names the workout in rejections ("session 2", "activity 1", "track 1", "workouts[3]"). */
export function draftEvents(draft: WorkoutDraft, where: string, nowMs: number): ParseEvent[] {
  const { points, device, fromSamples } = draft;
  const window = { startMs: draft.startMs, endMs: draft.endMs };
  const timeProblem = workoutWindowProblem(window.startMs, window.endMs, nowMs);
  if (timeProblem) return [rejected(where, `The workout was not imported: ${timeProblem}.`, "workout")];
  const events: ParseEvent[] = [];
  // An implausible total is left out (and said so); the workout and the other totals stay.
  const checked = (type: "active_energy" | "distance", total: Sourced): Sourced => {
    if (total.value === null) return total;
    const problem = implausibility(type, total.value, window.startMs, window.endMs, nowMs);
    if (!problem) return total;
    events.push(rejected(where, `The workout's ${type.replace("_", " ")} was left out: ${problem}.`, "workout"));
    return { value: null, source: null };
  };
  const hr = cleaned("heart_rate", points, window, (p) => p.hrBpm);
  const speed = cleaned("speed", points, window, (p) => p.speedMps);
  const power = cleaned("power", points, window, (p) => p.powerW);
  const fromHr = heartRateOfSamples(hr.kept);
  const duration = durationOf(draft, window);
  const energy = checked("active_energy", preferDevice(device.activeEnergyKcal, null));
  const distance = checked("distance", preferDevice(device.distanceM, fromSamples.distanceM));
  const avgHr = preferDevice(plausibleSummaryHr(device.avgHrBpm), fromHr.avgBpm);
  const maxHr = preferDevice(plausibleSummaryHr(device.maxHrBpm), fromHr.maxBpm);
  const workout: ParsedWorkout = {
    externalId: draft.externalId,
    activityType: draft.activityType,
    startMs: window.startMs,
    endMs: window.endMs,
    utcOffsetMin: draft.utcOffsetMin,
    durationSec: duration.value,
    activeEnergyKcal: energy.value,
    energyBasis: draft.energyBasis,
    distanceM: distance.value,
    avgHrBpm: avgHr.value,
    maxHrBpm: maxHr.value,
    provenance: {
      durationSec: duration.source,
      activeEnergyKcal: energy.source,
      distanceM: distance.source,
      avgHrBpm: avgHr.source,
      maxHrBpm: maxHr.source,
    },
    source: draft.source,
    heartRate: hr.kept.map((p) => ({ tMs: p.tMs, bpm: p.value })),
    speedMps: speed.kept,
    powerW: power.kept,
    pointsDropped: { heartRate: hr.dropped, speed: speed.dropped, power: power.dropped },
    sets: [...(draft.sets ?? [])],
  };
  return [{ kind: "workout", workout, where }, ...events];
}
