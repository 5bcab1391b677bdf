// Health Auto Export value formats: dates with a numeric offset (24- or 12-hour clock), units that
// follow the phone's settings, and pipe-joined source names.

import type { SampleType } from "../../lib/vocabulary.js";
import { inferDeviceType } from "../apple-health/infer-device-type.js";
import type { SourceRef } from "../contract.js";

// Thermochemical calorie (the definition HealthKit uses): 1 kcal = 4.184 kJ exactly.
const KJ_PER_KCAL = 4.184;
// International avoirdupois pound and mile, exact.
const KG_PER_LB = 0.45359237;
const M_PER_MI = 1609.344;

/**
 * `2021-12-24 00:04:00 +0800`, or on 12-hour phones `2024-09-21 7:57:00 am +1000`, where iOS 17+
 * puts U+202F (narrow no-break space) before am/pm (irvinlim/apple-health-ingester issue #25).
 */
const HAE_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u202f\u00a0]*([AaPp])\.?[Mm]\.?)?\s*([+-])(\d{2}):?(\d{2})$/;

export interface HaeInstant {
  ms: number;
  utcOffsetMin: number;
}

function hour24(hourText: string | undefined, meridiem: string | undefined): number | null {
  const hour = Number(hourText);
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  const isPm = meridiem.toLowerCase() === "p";
  return (hour % 12) + (isPm ? 12 : 0);
}

export function parseHaeDate(text: string): HaeInstant | null {
  const match = HAE_DATE.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hourText, minute, second, meridiem, sign, offsetHours, offsetMinutes] = match;
  const hour = hour24(hourText, meridiem);
  if (hour === null || Number(minute) > 59 || Number(second ?? "0") > 59) return null;
  // Date.UTC reads years 0–99 as 1900–1999; the service takes no date outside 1900–2100 anyway.
  if (Number(year) < 1900 || Number(year) > 2100) return null;
  const utcOffsetMin = (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const wallMs = Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(minute), Number(second ?? "0"));
  const checkDate = new Date(wallMs);
  if (checkDate.getUTCDate() !== Number(day) || checkDate.getUTCMonth() !== Number(month) - 1) return null;
  return { ms: wallMs - utcOffsetMin * 60_000, utcOffsetMin };
}

type Converter = (value: number) => number;

const ENERGY_TO_KCAL: Record<string, Converter> = { kcal: (v) => v, Cal: (v) => v, kJ: (v) => v / KJ_PER_KCAL };
const BPM: Record<string, Converter> = { "count/min": (v) => v, bpm: (v) => v, "beats/min": (v) => v };

// HAE writes sleep_analysis in the unit the person picked, "hr" by default.
const DURATION_TO_MIN: Record<string, Converter> = { hr: (v) => v * 60, h: (v) => v * 60, min: (v) => v, s: (v) => v / 60 };

const CONVERTERS: Record<SampleType, Record<string, Converter>> = {
  steps: { count: (v) => v, steps: (v) => v },
  active_energy: ENERGY_TO_KCAL,
  basal_energy: ENERGY_TO_KCAL,
  dietary_energy: ENERGY_TO_KCAL,
  heart_rate: BPM,
  resting_heart_rate: BPM,
  body_mass: { kg: (v) => v, g: (v) => v / 1000, lb: (v) => v * KG_PER_LB, lbs: (v) => v * KG_PER_LB },
  // HAE writes the percentage (23.4), but a value below 1 can only be HealthKit's raw fraction.
  body_fat_percentage: { "%": (v) => (v < 1 ? v * 100 : v) },
  distance: { m: (v) => v, km: (v) => v * 1000, mi: (v) => v * M_PER_MI, ft: (v) => v * 0.3048, yd: (v) => v * 0.9144 },
  sleep_in_bed: DURATION_TO_MIN,
  sleep_asleep: DURATION_TO_MIN,
  sleep_core: DURATION_TO_MIN,
  sleep_deep: DURATION_TO_MIN,
  sleep_rem: DURATION_TO_MIN,
  sleep_awake: DURATION_TO_MIN,
};

/** Converts to CANONICAL_UNIT[type]; null when the unit is not known for that type. */
export function toCanonical(type: SampleType, value: number, unit: string): number | null {
  const convert = CONVERTERS[type][unit.trim()];
  return convert ? convert(value) : null;
}

const APP_SOURCE: SourceRef = { name: "Health Auto Export", deviceType: "app", device: null };

/** "Irvin's iPhone|Irvin’s Apple Watch": merged sources were combined by the app, so they rank as "app". */
export function haeSource(source: string | undefined): SourceRef {
  const name = source?.replace(/\u2019/g, "'").trim();
  if (!name) return APP_SOURCE;
  const deviceType = name.includes("|") ? "app" : inferDeviceType(name, null);
  return { name, deviceType, device: null };
}
