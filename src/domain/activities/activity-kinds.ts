// Which activity types can describe the same session. Apps name one run "running", "trail_running" or
// "treadmill_running"; a platform copy may call it "other". Types in one family are compatible, a generic type is
// compatible with anything, and two different specific types (yoga, tennis) are not.

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  running: [
    "running",
    "run",
    "trail_running",
    "treadmill_running",
    "track_running",
    "indoor_running",
    "virtual_running",
    "street_running",
    "ultra_running",
    "treadmill",
  ],
  cycling: [
    "cycling",
    "biking",
    "bike",
    "ride",
    "road_biking",
    "road_cycling",
    "mountain_biking",
    "indoor_cycling",
    "virtual_ride",
    "virtual_cycling",
    "virtual_activity",
    "gravel_cycling",
    "e_biking",
    "e_bike_ride",
    "spinning",
    "cyclocross",
    "hand_cycling",
    "bmx",
    "track_cycling",
    "commuting",
  ],
  swimming: ["swimming", "swim", "open_water", "open_water_swimming", "lap_swimming", "pool_swimming", "pool_swim"],
  walking: ["walking", "walk", "hiking", "hike", "indoor_walking", "casual_walking", "speed_walking", "nordic_walking", "trekking", "mountaineering"],
  strength: ["strength_training", "traditional_strength_training", "functional_strength_training", "weight_training", "weights", "core_training"],
  hiit: ["hiit", "high_intensity_interval_training", "interval_training", "interval_workout", "circuit_training"],
  rowing: ["rowing", "indoor_rowing"],
  elliptical: ["elliptical", "elliptical_trainer"],
  stairs: ["stair_climbing", "stairs", "stair_stepper", "stair_climber"],
  cross_country_skiing: ["cross_country_skiing", "nordic_skiing", "skate_skiing", "classic_skiing"],
  downhill: ["downhill_skiing", "alpine_skiing", "skiing", "snowboarding", "snow_sports", "backcountry_skiing"],
  paddling: ["paddling", "kayaking", "canoeing", "stand_up_paddleboarding", "paddle_sports"],
};

/**
 * Labels that say nothing about the sport (what a converter writes when it does not know), plus multisport
 * wrappers and transitions, which contain several sports: compatible with every type.
 */
const GENERIC_TYPES = new Set([
  "other",
  "unknown",
  "generic",
  "workout",
  "activity",
  "exercise",
  "training",
  "fitness_equipment",
  "mixed_cardio",
  "cross_training",
  "cardio_training",
  "multisport",
  "swim_bike_run",
  "triathlon",
  "duathlon",
  "transition",
  "",
]);

const FAMILY_OF = new Map<string, string>(Object.entries(FAMILIES).flatMap(([family, types]) => types.map((type) => [type, family] as const)));

/** Lower-case snake_case, so "Trail Running", "trail-running" and "trail_running" are one type. */
export function normalizeActivityType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The family of an activity type: a family name, "generic", or the type itself when it belongs to none. */
export function activityFamily(type: string): string {
  const normalized = normalizeActivityType(type);
  if (GENERIC_TYPES.has(normalized)) return "generic";
  return FAMILY_OF.get(normalized) ?? normalized;
}

/** True when two activity types can describe one session. */
export function compatibleKinds(a: string, b: string): boolean {
  const familyA = activityFamily(a);
  const familyB = activityFamily(b);
  return familyA === "generic" || familyB === "generic" || familyA === familyB;
}
