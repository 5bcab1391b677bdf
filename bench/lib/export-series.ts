import { decimalText } from "./apple-format.js";
import type { DayInfo } from "./export-plan.js";
import { IPHONE, metadataXml, SCALE, type SourceSpec, STRAVA, WATCH } from "./export-sources.js";
import type { ImportedType } from "./export-totals.js";
import type { Prng } from "./prng.js";

const KJ_PER_KCAL = 4.184;
const M_PER_MI = 1609.344;
const KG_PER_LB = 0.45359237;

export interface SampleValue {
  unit: string | null;
  /** The value attribute exactly as written. */
  text: string;
  /** What the importer must store, computed from `text` (null for types it skips, and for sleep: see `type`). */
  canonical: number | null;
  /** The stored type when the value decides it (a sleep record's stage); its value is then the record's minutes. */
  type?: ImportedType;
}

/** One (record type, source) timeline: records per local day, in non-overlapping slots, so every key is unique. */
export interface SeriesSpec {
  id: string;
  hkType: string;
  imported: ImportedType | null;
  source: SourceSpec;
  perDay: readonly [number, number];
  /** Whether `density` multiplies perDay (the high-frequency watch series). */
  scales: boolean;
  /** Local hours the records fall in; always inside [0, 23) so DST shifts never make two days overlap. */
  hours: readonly [number, number];
  /** Record duration in seconds; [0, 0] for instantaneous samples. */
  durationS: readonly [number, number];
  value(rng: Prng, day: DayInfo): SampleValue;
  children?(rng: Prng, startMs: number, day: DayInfo): string;
  /** Share of records typed in by hand (HKWasUserEntered = 1): a separate "manual" source for the importer. */
  manualShare?: number;
}

function energyKcal(rng: Prng, kcal: number, unit: "kcal" | "Cal" | "kJ"): SampleValue {
  const digits = rng.int(2, 5);
  if (unit === "kJ") {
    const text = decimalText(kcal * KJ_PER_KCAL, digits);
    return { unit, text, canonical: Number(text) / KJ_PER_KCAL };
  }
  const text = decimalText(kcal, digits);
  return { unit, text, canonical: Number(text) };
}

function distance(rng: Prng, day: DayInfo, meters: number): SampleValue {
  const digits = rng.int(3, 6);
  if (day.fraction >= 0.55) {
    const text = decimalText(meters / M_PER_MI, digits);
    return { unit: "mi", text, canonical: Number(text) * M_PER_MI };
  }
  const text = decimalText(meters / 1000, digits);
  return { unit: "km", text, canonical: Number(text) * 1000 };
}

/** A scale's reading: kg first, then lb (the user switched units), as `unit` says. */
function bodyMass(rng: Prng, day: DayInfo): SampleValue {
  const kg = rng.float(58, 96);
  if (day.fraction >= 0.5) {
    const text = decimalText(kg / KG_PER_LB, rng.int(1, 2));
    return { unit: "lb", text, canonical: Number(text) * KG_PER_LB };
  }
  const text = decimalText(kg, rng.int(1, 2));
  return { unit: "kg", text, canonical: Number(text) };
}

function steps(rng: Prng): SampleValue {
  const n = rng.chance(0.85) ? rng.int(5, 180) : rng.int(180, 1600);
  return { unit: "count", text: String(n), canonical: n };
}

const SLEEP_STAGES = [
  ["HKCategoryValueSleepAnalysisInBed", "sleep_in_bed"],
  ["HKCategoryValueSleepAnalysisAsleepCore", "sleep_core"],
  ["HKCategoryValueSleepAnalysisAsleepDeep", "sleep_deep"],
  ["HKCategoryValueSleepAnalysisAsleepREM", "sleep_rem"],
  ["HKCategoryValueSleepAnalysisAwake", "sleep_awake"],
] as const;

function twelveHourTime(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * 60_000);
  const h = d.getUTCHours();
  const centis = Math.floor(d.getUTCMilliseconds() / 10);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, "0")}:${String(d.getUTCSeconds()).padStart(2, "0")}.${String(centis).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

function hrvBeats(rng: Prng, startMs: number, day: DayInfo): string {
  let t = startMs;
  let out = "  <HeartRateVariabilityMetadataList>\n";
  const beats = rng.int(45, 75);
  for (let i = 0; i < beats; i++) {
    const bpm = rng.int(52, 88);
    t += Math.round(60_000 / bpm);
    out += `   <InstantaneousBeatsPerMinute bpm="${bpm}" time="${twelveHourTime(t, day.offsetMin)}"/>\n`;
  }
  return `${out}  </HeartRateVariabilityMetadataList>\n`;
}

/** Series in Apple's order: records grouped by type, each source's timeline in date order. */
export const SERIES: readonly SeriesSpec[] = [
  {
    id: "steps-iphone",
    hkType: "HKQuantityTypeIdentifierStepCount",
    imported: "steps",
    source: IPHONE,
    perDay: [30, 70],
    scales: true,
    hours: [6, 23],
    durationS: [60, 600],
    value: steps,
    manualShare: 0.002,
  },
  {
    id: "steps-watch",
    hkType: "HKQuantityTypeIdentifierStepCount",
    imported: "steps",
    source: WATCH,
    perDay: [50, 110],
    scales: true,
    hours: [6, 23],
    durationS: [60, 420],
    value: steps,
  },
  {
    id: "distance-iphone",
    hkType: "HKQuantityTypeIdentifierDistanceWalkingRunning",
    imported: "distance",
    source: IPHONE,
    perDay: [30, 70],
    scales: true,
    hours: [6, 23],
    durationS: [60, 600],
    value: (rng, day) => distance(rng, day, rng.float(3, 900)),
  },
  {
    id: "distance-watch",
    hkType: "HKQuantityTypeIdentifierDistanceWalkingRunning",
    imported: "distance",
    source: WATCH,
    perDay: [50, 110],
    scales: true,
    hours: [6, 23],
    durationS: [60, 420],
    value: (rng, day) => distance(rng, day, rng.float(3, 700)),
  },
  {
    id: "basal-watch",
    hkType: "HKQuantityTypeIdentifierBasalEnergyBurned",
    imported: "basal_energy",
    source: WATCH,
    perDay: [40, 90],
    scales: true,
    hours: [0, 23],
    durationS: [60, 900],
    value: (rng, day) => energyKcal(rng, rng.float(0.8, 18), day.fraction >= 0.3 && day.fraction < 0.45 ? "kJ" : "kcal"),
  },
  {
    id: "active-watch",
    hkType: "HKQuantityTypeIdentifierActiveEnergyBurned",
    imported: "active_energy",
    source: WATCH,
    perDay: [150, 260],
    scales: true,
    hours: [6, 23],
    durationS: [30, 180],
    value: (rng, day) => energyKcal(rng, rng.float(0.01, 2.6), day.fraction >= 0.75 ? "Cal" : "kcal"),
  },
  {
    id: "active-strava",
    hkType: "HKQuantityTypeIdentifierActiveEnergyBurned",
    imported: "active_energy",
    source: STRAVA,
    perDay: [0, 2],
    scales: false,
    hours: [6, 21],
    durationS: [1200, 5400],
    value: (rng) => energyKcal(rng, rng.float(40, 650), "kJ"),
  },
  {
    id: "flights-iphone",
    hkType: "HKQuantityTypeIdentifierFlightsClimbed",
    imported: null,
    source: IPHONE,
    perDay: [1, 8],
    scales: false,
    hours: [7, 22],
    durationS: [10, 120],
    value: (rng) => ({ unit: "count", text: String(rng.int(1, 4)), canonical: null }),
  },
  {
    id: "hr-watch",
    hkType: "HKQuantityTypeIdentifierHeartRate",
    imported: "heart_rate",
    source: WATCH,
    perDay: [90, 170],
    scales: true,
    hours: [0, 23],
    durationS: [0, 0],
    value: (rng) => {
      const text = rng.chance(0.8) ? String(rng.int(48, 150)) : decimalText(rng.float(48, 185), 1);
      return { unit: "count/min", text, canonical: Number(text) };
    },
    children: (rng) => (rng.chance(0.6) ? metadataXml("HKMetadataKeyHeartRateMotionContext", String(rng.int(0, 2))) : ""),
  },
  {
    id: "hrv-watch",
    hkType: "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
    imported: null,
    source: WATCH,
    perDay: [2, 5],
    scales: false,
    hours: [0, 23],
    durationS: [55, 65],
    value: (rng) => ({ unit: "ms", text: decimalText(rng.float(18, 95), 4), canonical: null }),
    children: hrvBeats,
  },
  {
    id: "sleep-watch",
    hkType: "HKCategoryTypeIdentifierSleepAnalysis",
    imported: null,
    source: WATCH,
    perDay: [5, 12],
    scales: false,
    hours: [0, 7],
    durationS: [300, 2000],
    value: (rng) => {
      const [text, type] = rng.pick(SLEEP_STAGES);
      return { unit: null, text, canonical: null, type };
    },
  },
  // Last, so the series before it keep their random streams (seeded by position): the "current" mix has no weights.
  {
    id: "body-mass-scale",
    hkType: "HKQuantityTypeIdentifierBodyMass",
    imported: "body_mass",
    source: SCALE,
    perDay: [0, 0],
    scales: true,
    hours: [0, 23],
    durationS: [0, 0],
    value: bodyMass,
  },
];
