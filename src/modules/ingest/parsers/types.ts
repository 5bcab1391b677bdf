// The contract every export parser speaks. Parsers are pure streaming functions: they take bytes,
// yield normalized events one at a time (bounded memory), and never touch the database or the queue.

export { CANONICAL_UNIT, DEVICE_TYPES, SAMPLE_TYPES, type DeviceType, type SampleType } from "../../../lib/vocabulary.js";
import type { DeviceType, SampleType } from "../../../lib/vocabulary.js";

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
  source: SourceRef;
  heartRate: HeartRatePoint[];
  /** Optional streams that help resolve short intervals (HIIT); empty when absent. */
  speedMps: { tMs: number; value: number }[];
  powerW: { tMs: number; value: number }[];
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
  | { kind: "workout"; workout: ParsedWorkout }
  | { kind: "rejected"; rejection: Rejection }
  /** The file was damaged but everything before the damage was valid and was yielded. */
  | { kind: "partial"; reason: string };

/** A file that cannot be read at all. `code` is stable (machine-readable); `message` is for people. */
export class ParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
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
  | "FILE_TOO_LARGE";
