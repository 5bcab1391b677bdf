import { duplicateReasonText } from "../../domain/activities/duplicate-reasons.js";
import { findExercise, MET_CLASS_NAMES, type MetClass } from "../../domain/training/exercise-catalogue.js";
import { roundUnit } from "../../lib/precision.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { WorkoutSetRow, WorkoutWithSource } from "./workouts.repo.js";

export function presentWorkout({ workout: w, source }: WorkoutWithSource) {
  return {
    id: w.id,
    activity_type: w.activityType,
    start: isoWithOffset(w.startAt.getTime(), w.utcOffsetMin),
    end: isoWithOffset(w.endAt.getTime(), w.utcOffsetMin),
    local_date: w.localDate,
    duration_s: w.durationS,
    active_energy_kcal: roundUnit(w.activeEnergyKcal, "kcal"),
    distance_m: roundUnit(w.distanceM, "m"),
    avg_hr_bpm: roundUnit(w.avgHrBpm, "bpm"),
    max_hr_bpm: roundUnit(w.maxHrBpm, "bpm"),
    duration_source: w.durationSource,
    energy_source: w.energySource,
    distance_source: w.distanceSource,
    avg_hr_source: w.avgHrSource,
    max_hr_source: w.maxHrSource,
    hr_sample_count: w.hrSampleCount,
    hr_points_dropped: w.hrPointsDropped,
    speed_points_dropped: w.speedPointsDropped,
    power_points_dropped: w.powerPointsDropped,
    device_labeled_hiit: w.deviceLabeledHiit,
    external_id: w.externalId,
    source: { name: source.name, device_type: source.deviceType, device: source.device || null },
    import_id: w.importId,
    counted: w.duplicateOf === null,
    duplicate_of: w.duplicateOf,
    duplicate_reason: w.duplicateOf === null ? null : duplicateReasonText(w.duplicateOf, w.duplicateReason),
  };
}

interface StreamRow {
  kind: string;
  offsetsMs: number[];
  values: number[];
}

/** Streams are stored as offset/value arrays; the API answers timestamped points. */
export function presentStreams(workout: WorkoutWithSource["workout"], streams: StreamRow[]) {
  const startMs = workout.startAt.getTime();
  const points = (kind: string) => {
    const s = streams.find((row) => row.kind === kind);
    if (!s) return [];
    return s.offsetsMs.map((offsetMs, i) => ({
      t: isoWithOffset(startMs + offsetMs, workout.utcOffsetMin),
      value: s.values[i] ?? Number.NaN,
    }));
  };
  return {
    heart_rate: points("heart_rate").map((p) => ({ t: p.t, bpm: p.value })),
    speed_mps: points("speed"),
    power_w: points("power"),
  };
}

function metClassOf(text: string): MetClass {
  return MET_CLASS_NAMES.find((name) => name === text) ?? "resistance_moderate";
}

export function presentSets(sets: readonly WorkoutSetRow[]) {
  return sets.map((s) => ({
    exercise: s.exercise,
    known_exercise: findExercise(s.exercise) !== null,
    met_class: metClassOf(s.metClass),
    reps: s.reps,
    weight_kg: roundUnit(s.weightKg, "kg"),
    duration_s: s.durationS,
    rpe: s.rpe,
    start_offset_s: s.startOffsetS,
  }));
}
