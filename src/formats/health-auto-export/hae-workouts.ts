// HAE workouts → ParsedWorkout, for both the older (v1) and the HealthyApps server's (v2) shape.

import { checkPushedSets } from "../common/strength-sets.js";
import type { TrackPoint } from "../common/workout-draft.js";
import { draftEvents } from "../common/workout-draft.js";
import type { ParseEvent } from "../contract.js";
import type { HaeQuantity, HaeWorkout } from "./hae-schema.js";
import { firstIssue, haeWorkoutHeartRateSchema, haeWorkoutSchema } from "./hae-schema.js";
import { haeSource, parseHaeDate, toCanonical } from "./hae-values.js";

/** Apple's workout names as HAE writes them → our activity types; other names are snake_cased. */
const NAME_TO_ACTIVITY: Record<string, string> = {
  "outdoor run": "running",
  "indoor run": "running",
  "outdoor walk": "walking",
  "indoor walk": "walking",
  "outdoor cycle": "cycling",
  "indoor cycle": "cycling",
  "high intensity interval training": "hiit",
  "traditional strength training": "strength_training",
  "functional strength training": "strength_training",
  "pool swim": "swimming",
  "open water swim": "swimming",
};

export function activityTypeFromName(name: string): string {
  const lower = name.trim().toLowerCase();
  const mapped = NAME_TO_ACTIVITY[lower];
  if (mapped) return mapped;
  const snake = lower.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return snake || "other";
}

function rejected(where: string, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType: "workout" } };
}

function heartRatePoints(workout: HaeWorkout): { points: TrackPoint[]; malformed: number } {
  const points: TrackPoint[] = [];
  let malformed = 0;
  for (const raw of workout.heartRateData ?? []) {
    const parsed = haeWorkoutHeartRateSchema.safeParse(raw);
    const instant = parsed.success ? parseHaeDate(parsed.data.date) : null;
    if (!parsed.success || !instant) {
      malformed++;
      continue;
    }
    const bpm = "Avg" in parsed.data ? parsed.data.Avg : parsed.data.qty;
    points.push({ tMs: instant.ms, hrBpm: bpm, speedMps: null, powerW: null });
  }
  return { points: points.sort((a, b) => a.tMs - b.tMs), malformed };
}

function converted(type: "active_energy" | "distance" | "heart_rate", quantity: HaeQuantity | undefined): number | null {
  return quantity ? toCanonical(type, quantity.qty, quantity.units) : null;
}

/** Events for one workout entry; `where` is its index path, e.g. "data.workouts[0]". */
export function workoutEvents(raw: unknown, where: string, nowMs: number): ParseEvent[] {
  const parsed = haeWorkoutSchema.safeParse(raw);
  if (!parsed.success) return [rejected(where, `The workout is malformed (${firstIssue(parsed.error)}).`)];
  const workout = parsed.data;
  const start = parseHaeDate(workout.start);
  const end = parseHaeDate(workout.end);
  if (!start || !end) return [rejected(where, `The workout's start or end ("${workout.start}", "${workout.end}") is not a recognised date.`)];
  const { points, malformed } = heartRatePoints(workout);
  const energy = workout.activeEnergyBurned ?? workout.activeEnergy;
  const strength = checkPushedSets(workout.sets ?? []);
  const events = draftEvents(
    {
      externalId: workout.id ? `hae:${workout.id}` : null,
      activityType: activityTypeFromName(workout.name),
      startMs: start.ms,
      endMs: end.ms,
      utcOffsetMin: start.utcOffsetMin,
      source: haeSource(undefined),
      // The workout's own fields are HealthKit's summary of it (its start and end included).
      // Health Auto Export reads HealthKit workouts: their energy is active energy.
      energyBasis: "net",
      device: {
        durationSec: workout.duration ?? (end.ms - start.ms) / 1000,
        activeEnergyKcal: converted("active_energy", energy),
        distanceM: converted("distance", workout.distance),
        avgHrBpm: converted("heart_rate", workout.avgHeartRate ?? workout.heartRate?.avg),
        maxHrBpm: converted("heart_rate", workout.maxHeartRate ?? workout.heartRate?.max),
      },
      fromSamples: { durationSec: null, distanceM: null },
      points,
      sets: strength.sets,
    },
    where,
    nowMs,
  );
  if (events[0]?.kind !== "workout") return events;
  for (const p of strength.problems) {
    const field = p.field ? `.${p.field}` : "";
    events.push({
      kind: "rejected",
      rejection: { where: `${where}.sets[${p.index}]${field}`, reason: `The set was left out: ${p.reason}.`, recordType: "set" },
    });
  }
  if (energy && converted("active_energy", energy) === null) {
    events.push(rejected(where, `The workout's energy unit "${energy.units}" is not supported; the energy was left out.`));
  }
  if (workout.distance && converted("distance", workout.distance) === null) {
    events.push(rejected(where, `The workout's distance unit "${workout.distance.units}" is not supported; it was left out.`));
  }
  if (malformed > 0) events.push(rejected(where, `${malformed} heart-rate entries without a valid date or value were left out.`));
  return events;
}
