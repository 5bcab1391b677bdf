// The contract every export format speaks. A parser is a pure streaming function: it takes bytes, yields normalized
// events one at a time (bounded memory), and never touches the database or the queue. A format (FormatSpec) is a
// parser plus the sniff that recognises its files; src/formats/registry.ts lists them all.

import type { ValueSource } from "../domain/records/summary-provenance.js";
import type { MetClass } from "../domain/training/exercise-catalogue.js";
import type { DeviceType, EnergyBasis, SampleType } from "../lib/vocabulary.js";

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
  /** Whether `activeEnergyKcal` is the whole burn over the workout (resting included) or active energy only (see EnergyBasis). */
  energyBasis: EnergyBasis;
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
  /** Strength sets in order (possible ones only, see src/formats/common/strength-sets.ts); empty when there are none. */
  sets: ParsedSet[];
  /** Set by a wearsync export only: the format of the file the workout was first read from (activity grouping reads it). */
  recordFormat?: string | null;
}

/** One set of a strength workout, as a file or a push states it. */
export interface ParsedSet {
  /** The catalogue key, or the text as given for an exercise the catalogue lacks. */
  exercise: string;
  metClass: MetClass;
  reps: number | null;
  weightKg: number | null;
  durationS: number | null;
  /** Rating of perceived exertion, 0–10. */
  rpe: number | null;
  /** Seconds from the workout's start to the set's start, when the recorder wrote it. */
  startOffsetS: number | null;
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
  /** `count` records of a type this service does not read yet (mindful minutes, flights climbed, …); never dropped silently. */
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
  | "GZIP_INVALID"
  /** A gzip inflating past the size cap or the ratio no real export reaches. */
  | "GZIP_TOO_LARGE"
  | "FIT_INVALID"
  | "JSON_INVALID"
  | "CSV_INVALID"
  | "FILE_TOO_LARGE"
  /** An SQLite file (Health Connect) that is not a database, is damaged, or lacks the tables its format has. */
  | "DATABASE_INVALID"
  /** Readable, but nothing in it is data this service reads (a monitoring FIT file, an export of flights climbed only). */
  | "NO_DATA"
  /** A wearsync export whose manifest is missing, unreadable or of a version this service does not know. */
  | "EXPORT_INVALID"
  | "EXPORT_VERSION_UNSUPPORTED";

// Food logs (MyFitnessPal, Cronometer) yield what a person ate instead of samples and workouts.

export const INTAKE_MEALS = ["breakfast", "lunch", "dinner", "snack"] as const;
export type IntakeMeal = (typeof INTAKE_MEALS)[number];

/** One logged meal, day or serving as a food-log export states it. Values are per row, never summed by the parser. */
export interface ParsedIntake {
  /** The person's local calendar date, YYYY-MM-DD. */
  localDate: string;
  /** Local wall-clock time HH:MM (24 h), or null when the export has no time for the row. */
  localTime: string | null;
  meal: IntakeMeal | null;
  /** Food or entry name exactly as exported (literal text, never evaluated), or null when the export has none. */
  name: string | null;
  energyKcal: number;
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
  /** Deterministic from the row's natural identity, so re-importing the same export changes nothing. */
  externalId: string;
}

export type IntakeDayStatus = "complete" | "partial";

export type IntakeEvent =
  | { kind: "intake"; intake: ParsedIntake }
  /** The export's own "day finished logging" flag (Cronometer `Completed`): false makes the day partial. */
  | { kind: "day-status"; localDate: string; status: IntakeDayStatus; completed: boolean }
  | { kind: "rejected"; rejection: Rejection };

/** What recognises a format's files from their first bytes (never from their name); a sniff is only a hint. */
export interface Sniff {
  /** Entry names of a zip archive, read from its central directory before anything is inflated. */
  zip?: (entryNames: readonly string[]) => boolean;
  /** The table names of a SQLite database, read from its schema pages. */
  sqliteTables?: (tables: readonly string[]) => boolean;
  /** The first bytes of a binary file. */
  binary?: (head: Buffer) => boolean;
  /** The local name of an XML document's root element. */
  xmlRoot?: string;
  /** A JSON head (possibly cut short): its text and its object keys by path, e.g. "$.data.metrics", "$[].dateTime". */
  json?: (head: { text: string; keys: ReadonlySet<string> }) => boolean;
  /** The cells of a CSV header line, trimmed, spaces collapsed and lower-cased. */
  csvHeader?: (cells: readonly string[]) => boolean;
}

export interface OpenOptions {
  /** The import's clock: records later than this (plus skew) are rejected. */
  nowMs: number;
  /** The person's zone, for files that store local wall times without an offset. */
  timeZone: string;
  /** The uploaded file's name: Fitbit's JSON files say what they hold only in their name. */
  filename: string | null;
  /** Called with the number of input bytes consumed so far (for progress). */
  onBytes: (bytes: number) => void;
  /**
   * Called with the number `onBytes` will reach when the file is read to its end, where it is known: a plain file's
   * size, or for a zip the inflated sizes of the entries read, from its central directory. A later call replaces it.
   */
  onTotalBytes?: (bytes: number) => void;
  /** The unit weights are written in when the file does not say (Fitbit): `?weight_unit=` on the upload. */
  weightUnit: WeightUnit | null;
}

export type WeightUnit = "kg" | "lb";

/** A format whose files hold samples and workouts; `open` streams or reads a size-capped stored file. */
export interface RecordFormat {
  kind: "records";
  sniff: Sniff;
  open(path: string, opts: OpenOptions): AsyncIterable<ParseEvent>;
}

/** A food-log export. */
export interface FoodLogFormat {
  kind: "food-log";
  sniff: Sniff;
  open(path: string, opts: OpenOptions): AsyncIterable<IntakeEvent>;
}

// A wearsync export (GET /v1/export) holds a person's raw rows, table by table, under the exporter's ids. The parser
// turns them into records keyed by what they are (sources by name and device, rows by instant), never by those ids.

/** The profile fields the energy computation reads (BMR, day lengths, heart-rate zones). */
export interface ArchivedProfile {
  sex: "female" | "male" | null;
  birthDate: string | null;
  heightCm: number | null;
  weightKg: number | null;
  timeZone: string;
  hrMaxBpm: number | null;
  hrRestBpm: number | null;
  activityLevel: "sedentary" | "light" | "moderate" | "active" | "very_active" | null;
}

export interface ArchivedIntake {
  /** The exporter's row id: only hashed into the importer's id, never written as is into another account. */
  originalId: string;
  consumedAtMs: number;
  utcOffsetMin: number;
  localDate: string;
  energyKcal: number;
  name: string | null;
  meal: IntakeMeal | null;
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
  externalId: string | null;
  /** Set when the entry was projected from a dietary-energy sample: its external id names the source by id. */
  fromSample: { source: SourceRef; startMs: number; endMs: number } | null;
  origin: "api" | "import" | "sync";
  source: SourceRef | null;
}

export interface ArchivedWeighIn {
  originalId: string;
  measuredAtMs: number;
  utcOffsetMin: number;
  localDate: string;
  weightKg: number | null;
  bodyFatPct: number | null;
  /** The person's verdict on an outlier; the automatic flag itself is recomputed. */
  outlierOverride: boolean | null;
  source: SourceRef | null;
}

export type ArchiveEvent =
  | ParseEvent
  /** First event: who exported it (the exporter's user id) and when. */
  | { kind: "archive"; exportedBy: string; exportedAtMs: number; version: number }
  | { kind: "profile"; profile: ArchivedProfile }
  | { kind: "source"; source: SourceRef; priority: number | null }
  | { kind: "intake"; intake: ArchivedIntake }
  | { kind: "day-status"; localDate: string; status: "complete" | "partial" | "fasted" }
  | { kind: "day-confirmation"; localDate: string; flags: string[]; confirmedAtMs: number }
  | { kind: "weigh-in"; weighIn: ArchivedWeighIn };

/** A wearsync export: every raw table of one person. */
export interface ArchiveFormat {
  kind: "archive";
  sniff: Sniff;
  open(path: string, opts: OpenOptions): AsyncIterable<ArchiveEvent>;
}

export type FormatSpec = RecordFormat | FoodLogFormat | ArchiveFormat;
