import { draftEvents } from "../common/workout-draft.js";
import type { ParseEvent } from "../contract.js";
import { parseAppleDate } from "./dates.js";
import type { RecordContext } from "./records.js";
import { toSourceRef } from "./source.js";
import { durationToSec, parseDecimal, toCanonicalUnit } from "./units.js";

/** A <Workout> being read. Only the few children we use are kept, so a hostile workout cannot grow memory. */
export interface AppleWorkout {
  attributes: Record<string, string>;
  line: number;
  externalId: string | null;
  userEntered: boolean;
  /** WorkoutStatistics (iOS 16+ moved the totals here from the Workout attributes). */
  energyStat: Record<string, string> | null;
  distanceStat: { type: string; attributes: Record<string, string> } | null;
  /** HeartRate statistics: the watch's own average and maximum for the workout. */
  heartRateStat: Record<string, string> | null;
}

const RECORD_TYPE = "Workout";
const ACTIVITY_PREFIX = "HKWorkoutActivityType";
const ACTIVITY_ALIASES = new Map<string, string>([["HighIntensityIntervalTraining", "hiit"]]);
const ENERGY_STAT = "HKQuantityTypeIdentifierActiveEnergyBurned";
const HEART_RATE_STAT = "HKQuantityTypeIdentifierHeartRate";
const DISTANCE_STAT_PREFIX = "HKQuantityTypeIdentifierDistance";
const EXTERNAL_ID_KEYS = new Set(["HKExternalUUID", "HKMetadataKeyExternalUUID"]);

export function newAppleWorkout(attributes: Record<string, string>, line: number): AppleWorkout {
  return { attributes, line, externalId: null, userEntered: false, energyStat: null, distanceStat: null, heartRateStat: null };
}

/** Records a direct child of <Workout>: MetadataEntry or WorkoutStatistics; anything else is ignored. */
export function addWorkoutChild(w: AppleWorkout, name: string, attributes: Record<string, string>): void {
  if (name === "MetadataEntry") {
    const value = attributes.value?.trim() ?? "";
    if (EXTERNAL_ID_KEYS.has(attributes.key ?? "") && value !== "") w.externalId ??= value;
    if (attributes.key === "HKWasUserEntered" && value === "1") w.userEntered = true;
  } else if (name === "WorkoutStatistics") {
    const type = attributes.type ?? "";
    if (type === ENERGY_STAT) w.energyStat ??= attributes;
    else if (type === HEART_RATE_STAT) w.heartRateStat ??= attributes;
    else if (type.startsWith(DISTANCE_STAT_PREFIX)) w.distanceStat ??= { type, attributes };
  }
}

/** "HKWorkoutActivityTypeTraditionalStrengthTraining" → "traditional_strength_training". */
export function toActivityType(hkActivityType: string | undefined): string {
  const suffix = (hkActivityType ?? "").replace(ACTIVITY_PREFIX, "");
  if (suffix === "") return "other";
  const alias = ACTIVITY_ALIASES.get(suffix);
  if (alias !== undefined) return alias;
  return suffix
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

type Measured = { ok: true; value: number | null } | { ok: false; reason: string };

function measure(kind: "active_energy" | "distance", text: string | undefined, unit: string | undefined, label: string): Measured {
  if (text === undefined) return { ok: true, value: null };
  const raw = parseDecimal(text);
  if (Number.isNaN(raw)) return { ok: false, reason: `${label} "${text}" is not a number` };
  const value = toCanonicalUnit(kind, raw, unit);
  return value === null ? { ok: false, reason: `unknown unit "${unit ?? ""}" for ${label}` } : { ok: true, value };
}

function energyOf(w: AppleWorkout): Measured {
  const stat = w.energyStat;
  if (w.attributes.totalEnergyBurned !== undefined || stat === null) {
    return measure("active_energy", w.attributes.totalEnergyBurned, w.attributes.totalEnergyBurnedUnit, "totalEnergyBurned");
  }
  return measure("active_energy", stat.sum, stat.unit, "WorkoutStatistics ActiveEnergyBurned sum");
}

function distanceOf(w: AppleWorkout): Measured {
  if (w.attributes.totalDistance !== undefined) {
    return measure("distance", w.attributes.totalDistance, w.attributes.totalDistanceUnit, "totalDistance");
  }
  const stat = w.distanceStat;
  if (stat === null) return { ok: true, value: null };
  return measure("distance", stat.attributes.sum, stat.attributes.unit, `WorkoutStatistics ${stat.type} sum`);
}

function reject(w: AppleWorkout, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where: `line ${w.line}`, reason, recordType: RECORD_TYPE } };
}

/** A WorkoutStatistics heart-rate value (average or maximum) in bpm; null when absent or in an unknown unit. */
function statHeartRate(stat: Record<string, string> | null, key: "average" | "maximum"): number | null {
  const raw = parseDecimal(stat?.[key]);
  return Number.isNaN(raw) ? null : toCanonicalUnit("heart_rate", raw, stat?.unit);
}

/**
 * Turns a finished <Workout> element into a workout event (plus notes on left-out totals) or a rejection. The
 * Workout's own totals and its WorkoutStatistics are the watch's summary (HealthKit HKWorkout / HKStatistics).
 */
export function workoutToEvents(w: AppleWorkout, ctx: RecordContext): ParseEvent[] {
  const { attributes } = w;
  const start = parseAppleDate(attributes.startDate, ctx.defaultUtcOffsetMin);
  const end = parseAppleDate(attributes.endDate, ctx.defaultUtcOffsetMin);
  if (start === null || end === null) {
    return [reject(w, `invalid startDate "${attributes.startDate}" or endDate "${attributes.endDate}"`)];
  }
  const durationSec = workoutDurationSec(attributes, (end.epochMs - start.epochMs) / 1000);
  if (durationSec === null) return [reject(w, `invalid duration "${attributes.duration}" ${attributes.durationUnit ?? ""}`)];
  const energy = energyOf(w);
  if (!energy.ok) return [reject(w, energy.reason)];
  const distance = distanceOf(w);
  if (!distance.ok) return [reject(w, distance.reason)];
  const events = draftEvents(
    {
      externalId: w.externalId,
      activityType: toActivityType(attributes.workoutActivityType),
      startMs: start.epochMs,
      endMs: end.epochMs,
      utcOffsetMin: start.utcOffsetMin,
      source: toSourceRef(attributes.sourceName, attributes.device, w.userEntered),
      // HealthKit's workout energy is active energy: resting energy is a separate type.
      energyBasis: "net",
      device: {
        durationSec,
        activeEnergyKcal: energy.value,
        distanceM: distance.value,
        avgHrBpm: statHeartRate(w.heartRateStat, "average"),
        maxHrBpm: statHeartRate(w.heartRateStat, "maximum"),
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: [],
    },
    `line ${w.line}`,
    ctx.nowMs,
  );
  return events.map((event) =>
    event.kind === "rejected" ? { kind: "rejected", rejection: { ...event.rejection, recordType: RECORD_TYPE } } : event,
  );
}

function workoutDurationSec(attributes: Record<string, string>, wallClockSec: number): number | null {
  if (attributes.duration === undefined) return wallClockSec;
  const durationSec = durationToSec(parseDecimal(attributes.duration), attributes.durationUnit);
  return durationSec === null || !Number.isFinite(durationSec) || durationSec < 0 ? null : durationSec;
}
