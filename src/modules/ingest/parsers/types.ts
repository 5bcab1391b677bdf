// The contract every export parser speaks. Parsers are pure streaming functions: they take bytes,
// yield normalized events one at a time (bounded memory), and never touch the database or the queue.

export { CANONICAL_UNIT, DEVICE_TYPES, SAMPLE_TYPES, type DeviceType, type SampleType } from "../../../lib/vocabulary.js";
import type { DeviceType, SampleType } from "../../../lib/vocabulary.js";
import type { ValueSource } from "../../../domain/records/summary-provenance.js";
export type { ValueSource } from "../../../domain/records/summary-provenance.js";

export interface SourceRef {
  /** Human name of the writing app or device, e.g. "Alice's Apple Watch", "Garmin fenix 5". */
  name: string;
  deviceType: DeviceType;
  /** Normalized device model string (no memory addresses), or null when unknown. */
  device: string | null;
}

export interface ParsedSample {
  type: SampleType;
  /** UTC instants in epoch milliseconds. Instantaneous samples have startMs === endMs. */
  startMs: number;
  endMs: number;
  /** UTC offset of the record in minutes east of UTC, or null when the file does not say. */
  utcOffsetMin: number | null;
  /** Value in CANONICAL_UNIT[type]. */
  value: number;
  source: SourceRef;
}

export interface HeartRatePoint {
  tMs: number;
  bpm: number;
}

export interface ParsedWorkout {
  /** The file's own id for the workout when it has one (FIT session index is not an id). */
  externalId: string | null;
  /** Lower-case snake_case activity, e.g. "running", "cycling", "hiit", "walking", "other". */
  activityType: string;
  startMs: number;
  endMs: number;
  utcOffsetMin: number | null;
  durationSec: number;
  activeEnergyKcal: number | null;
  distanceM: number | null;
  /** Average and maximum heart rate: the device's own summary when it wrote one, else computed from `heartRate`. */
  avgHrBpm: number | null;
  maxHrBpm: number | null;
  /** Where each summary value came from (see src/domain/records/summary-provenance.ts); null where there is no value. */
  provenance: WorkoutProvenance;
  source: SourceRef;
  /** Possible points only, oldest first (see src/domain/records/point-validity.ts); impossible ones are counted in `pointsDropped`. */
  heartRate: HeartRatePoint[];
  /** Optional streams that help resolve short intervals (HIIT); empty when absent. */
  speedMps: { tMs: number; value: number }[];
  powerW: { tMs: number; value: number }[];
  pointsDropped: PointsDropped;
}

export interface WorkoutProvenance {
  durationSec: ValueSource;
  activeEnergyKcal: ValueSource | null;
  distanceM: ValueSource | null;
  avgHrBpm: ValueSource | null;
  maxHrBpm: ValueSource | null;
}

/** Impossible points left out of each series of a kept workout. */
export interface PointsDropped {
  heartRate: number;
  speed: number;
  power: number;
}

export interface Rejection {
  /** Where in the file: "line 120", "record 4", "session 2 record 17". */
  where: string;
  /** A sentence a person can act on. */
  reason: string;
  /** The record kind that was rejected, e.g. "HKQuantityTypeIdentifierStepCount", "record". */
  recordType: string;
}

export type ParseEvent =
  | { kind: "sample"; sample: ParsedSample }
  /** `where` names the workout as rejections do ("session 2", "data.workouts[0]"), when the parser knows it. */
  | { kind: "workout"; workout: ParsedWorkout; where?: string }
  | { kind: "rejected"; rejection: Rejection }
  /** The file was damaged but everything before the damage was valid and was yielded. */
  | { kind: "partial"; reason: string }
  /** `count` records of a type this service does not read yet (sleep, flights climbed, …); never dropped silently. */
  | { kind: "skipped"; recordType: string; count: number };

/**
 * A file that cannot be read at all. `code` is stable (machine-readable); `message` is for people; `skipped` counts
 * what the file held that this service does not read (for NO_DATA).
 */
export class ParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
    readonly skipped: Readonly<Record<string, number>> = {},
  ) {
    super(message);
    this.name = "ParseError";
  }
}

export type ParseErrorCode =
  | "EMPTY_FILE"
  | "UNKNOWN_FORMAT"
  | "MALFORMED_XML"
  | "XML_ENTITY_FORBIDDEN"
  | "XML_TOO_DEEP"
  | "XML_ATTRIBUTE_TOO_LONG"
  | "ZIP_INVALID"
  | "ZIP_TOO_LARGE"
  | "ZIP_RATIO_EXCEEDED"
  | "ZIP_TOO_MANY_ENTRIES"
  | "ZIP_UNSAFE_PATH"
  | "ZIP_NO_EXPORT"
  | "FIT_INVALID"
  | "JSON_INVALID"
  | "CSV_INVALID"
  | "FILE_TOO_LARGE"
  /** Readable, but nothing in it is data this service reads (a monitoring FIT file, a sleep-only export). */
  | "NO_DATA";
