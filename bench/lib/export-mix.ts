import { SERIES, type SeriesSpec } from "./export-series.js";

// Which record types a generated export holds, and in what shares. "current" is the generator as it always was;
// the others are the mixes issue 17 asks the ingest goal to hold for.
export const EXPORT_MIXES = ["current", "equal", "hr-heavy"] as const;
export type ExportMix = (typeof EXPORT_MIXES)[number];

/** Records per day (before density) per series id, where a mix differs from the series' own. */
const PER_DAY_BY_MIX: Record<ExportMix, Readonly<Record<string, readonly [number, number]>>> = {
  current: {},
  // About 130 a day of each of steps, distance, basal energy, active energy, heart rate and body mass (steps and
  // distance already average 50 + 80 from the phone and the watch; active energy adds Strava's ~1).
  equal: {
    "basal-watch": [100, 160],
    "active-watch": [90, 168],
    "body-mass-scale": [100, 160],
  },
  // A watch sampling heart rate about once a minute: ~70 % of the imported records are heart rate.
  "hr-heavy": {
    "hr-watch": [1200, 1400],
  },
};

/** The series of a mix, in document order; a series with no records in it is left out (its stream never drawn). */
export function seriesOfMix(mix: ExportMix): { spec: SeriesSpec; index: number }[] {
  const overrides = PER_DAY_BY_MIX[mix];
  return SERIES.map((spec, index) => {
    const perDay = overrides[spec.id];
    return { spec: perDay === undefined ? spec : { ...spec, perDay }, index };
  }).filter(({ spec }) => spec.perDay[1] > 0);
}

export function parseMix(text: string): ExportMix {
  const mix = EXPORT_MIXES.find((m) => m === text);
  if (mix === undefined) throw new Error(`--mix must be one of ${EXPORT_MIXES.join(", ")}`);
  return mix;
}
