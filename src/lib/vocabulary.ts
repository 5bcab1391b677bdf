// The service's shared vocabulary: what a sample can be, in which unit, and what kind of device wrote it.
// Parsers, the API and the database schema all take these lists from here.

/**
 * Sleep stages as interval samples: value = minutes of that stage inside [start, end). in_bed is time in bed (shown,
 * never counted as sleep); the asleep stages (asleep = unspecified, core = light, deep, rem) are what a night counts.
 */
export const SLEEP_STAGE_TYPES = ["sleep_in_bed", "sleep_asleep", "sleep_core", "sleep_deep", "sleep_rem", "sleep_awake"] as const;
export type SleepStageType = (typeof SLEEP_STAGE_TYPES)[number];

export const SAMPLE_TYPES = [
  "steps",
  "active_energy",
  "basal_energy",
  "heart_rate",
  "resting_heart_rate",
  "dietary_energy",
  "body_mass",
  "body_fat_percentage",
  "distance",
  ...SLEEP_STAGE_TYPES,
] as const;
export type SampleType = (typeof SAMPLE_TYPES)[number];

/** Canonical unit per sample type: values are always converted to these before leaving a parser. */
export const CANONICAL_UNIT: Record<SampleType, string> = {
  steps: "count",
  active_energy: "kcal",
  basal_energy: "kcal",
  heart_rate: "bpm",
  resting_heart_rate: "bpm",
  dietary_energy: "kcal",
  body_mass: "kg",
  body_fat_percentage: "%",
  distance: "m",
  sleep_in_bed: "min",
  sleep_asleep: "min",
  sleep_core: "min",
  sleep_deep: "min",
  sleep_rem: "min",
  sleep_awake: "min",
};

export const DEVICE_TYPES = ["watch", "ring", "band", "phone", "scale", "app", "manual"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** A computed day's status; in_progress is the current local day (or a later one), shown so far and never counted. */
export const DAY_STATUSES = ["complete", "partial", "in_progress", "no_intake", "no_data"] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

/** What a person can declare about a day's food log; "logged" and "unlogged" are derived, never declared. */
export const INTAKE_DAY_STATUSES = ["complete", "partial", "fasted"] as const;
export type DeclaredIntakeStatus = (typeof INTAKE_DAY_STATUSES)[number];

/** How answers show weights: metric (kg) or imperial (kg and lb). */
export const UNIT_SYSTEMS = ["metric", "imperial"] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/**
 * What a workout's energy total counts. "gross": everything burned during it, resting metabolism included (Garmin/FIT,
 * TCX, Fitbit, Strava, Samsung Health, Google Fit); "net": active energy only (HealthKit's workout energy, the sync API,
 * a hand-logged workout). A day adds workouts on top of a resting baseline, so a gross total has the resting part for
 * the workout's minutes taken out first (net = gross − BMR/1440 per minute; see docs/science.md).
 */
export const ENERGY_BASES = ["gross", "net"] as const;
export type EnergyBasis = (typeof ENERGY_BASES)[number];
