import type { SampleType } from "../../lib/vocabulary.js";

// Thermochemical calorie (the definition HealthKit uses): 1 kcal = 4.184 kJ exactly.
const KJ_PER_KCAL = 4.184;
// International avoirdupois pound (1959 agreement), exact.
const KG_PER_LB = 0.45359237;
// International mile, exact.
const M_PER_MI = 1609.344;

type Converter = (value: number) => number;

const ENERGY_TO_KCAL: Record<string, Converter> = {
  kcal: (v) => v,
  // HealthKit's "Cal" is the food Calorie, i.e. a kilocalorie.
  Cal: (v) => v,
  cal: (v) => v / 1000,
  kJ: (v) => v / KJ_PER_KCAL,
  J: (v) => v / (KJ_PER_KCAL * 1000),
};

const MASS_TO_KG: Record<string, Converter> = {
  kg: (v) => v,
  g: (v) => v / 1000,
  lb: (v) => v * KG_PER_LB,
  // 1 stone = 14 lb.
  st: (v) => v * 14 * KG_PER_LB,
  oz: (v) => (v * KG_PER_LB) / 16,
};

const DISTANCE_TO_M: Record<string, Converter> = {
  m: (v) => v,
  km: (v) => v * 1000,
  cm: (v) => v / 100,
  mm: (v) => v / 1000,
  mi: (v) => v * M_PER_MI,
  yd: (v) => v * 0.9144,
  ft: (v) => v * 0.3048,
  in: (v) => v * 0.0254,
};

const HEART_RATE_TO_BPM: Record<string, Converter> = {
  "count/min": (v) => v,
  "count/s": (v) => v * 60,
};

const CONVERTERS: Record<SampleType, Record<string, Converter>> = {
  steps: { count: (v) => v },
  active_energy: ENERGY_TO_KCAL,
  basal_energy: ENERGY_TO_KCAL,
  dietary_energy: ENERGY_TO_KCAL,
  heart_rate: HEART_RATE_TO_BPM,
  resting_heart_rate: HEART_RATE_TO_BPM,
  body_mass: MASS_TO_KG,
  // HealthKit stores body fat as a fraction 0..1 even though the unit reads "%".
  body_fat_percentage: { "%": (v) => v * 100 },
  distance: DISTANCE_TO_M,
  // Sleep records are categories without a unit: src/formats/apple-health/sleep.ts turns their span into minutes.
  sleep_in_bed: {},
  sleep_asleep: {},
  sleep_core: {},
  sleep_deep: {},
  sleep_rem: {},
  sleep_awake: {},
};

/**
 * Converts a value to CANONICAL_UNIT[type]; null when the unit is not one we know for that type. Export.xml's DTD
 * makes `unit` optional: without one, a type that has a single unit (steps: count) is read in it.
 */
export function toCanonicalUnit(type: SampleType, value: number, unit: string | undefined): number | null {
  const converters = CONVERTERS[type];
  const only = Object.values(converters);
  if ((unit === undefined || unit === "") && only.length === 1) return only[0]?.(value) ?? null;
  // hasOwn: a unit named like an Object.prototype member ("constructor") must not resolve to a function.
  const convert = unit !== undefined && Object.hasOwn(converters, unit) ? converters[unit] : undefined;
  return convert === undefined ? null : convert(value);
}

const SEC_PER_DURATION_UNIT: Record<string, number> = { ms: 0.001, s: 1, sec: 1, min: 60, h: 3600, hr: 3600 };

/** Converts a workout duration to seconds; null for an unknown unit. */
export function durationToSec(value: number, unit: string | undefined): number | null {
  const key = unit ?? "min";
  const factor = Object.hasOwn(SEC_PER_DURATION_UNIT, key) ? SEC_PER_DURATION_UNIT[key] : undefined;
  return factor === undefined ? null : value * factor;
}

// Numbers as Apple writes them; Number() alone would accept "", " " and "0x1A".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strict decimal parse: NaN for anything that is not a plain decimal number. */
export function parseDecimal(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}
