import { median } from "../stats.js";
import type { Segment, TimedValue } from "./series.js";
import { resampleToSegments, smoothSegment, sortAndMerge } from "./series.js";

export interface HrSample {
  tMs: number;
  bpm: number;
}

// Steps 1–4 of the detector: docs/science.md §7.4.
/** Below this no human heart rate is plausible; 0 bpm is the usual optical dropout value. */
export const MIN_PLAUSIBLE_HR_BPM = 30;
/** Above this the reading is sensor garbage, not a person. */
export const MAX_PLAUSIBLE_HR_BPM = 230;
/** Hampel window half-width, seconds either side of the sample. */
export const HAMPEL_HALF_WINDOW_SEC = 7.5;
/** Outlier = more than 3 σ from the window median, σ ≈ 1.4826 × MAD for normal noise. */
export const HAMPEL_MAD_MULTIPLE = 3;
export const MAD_TO_SIGMA = 1.4826;
/** ...and more than 5 bpm: on a flat stretch MAD is 0 and ordinary 1-bpm jitter must not count as a spike. */
export const HAMPEL_MIN_DEVIATION_BPM = 5;
/** A sample needs at least this many neighbours in its window to be judged at all. */
export const HAMPEL_MIN_NEIGHBOURS = 3;
/** Interpolate across raw gaps up to this long; a longer gap is missing data. */
export const MAX_INTERPOLATION_GAP_SEC = 15;
/** Centred smoothing window, seconds, and how many of its seconds must exist. */
export const SMOOTHING_WINDOW_SEC = 5;
export const SMOOTHING_MIN_VALID_SEC = 3;

const MS_PER_SEC = 1000;

export function isPlausibleHr(bpm: number): boolean {
  return Number.isFinite(bpm) && bpm >= MIN_PLAUSIBLE_HR_BPM && bpm <= MAX_PLAUSIBLE_HR_BPM;
}

/** Replaces isolated spikes by the window median; judged against the original values, not earlier replacements. */
export function hampelFilter(samples: readonly TimedValue[]): TimedValue[] {
  const halfMs = HAMPEL_HALF_WINDOW_SEC * MS_PER_SEC;
  let lo = 0;
  let hi = 0;
  return samples.map((sample) => {
    while ((samples[lo]?.tMs ?? Number.POSITIVE_INFINITY) < sample.tMs - halfMs) lo += 1;
    while (hi < samples.length && (samples[hi]?.tMs ?? Number.POSITIVE_INFINITY) <= sample.tMs + halfMs) hi += 1;
    if (hi - lo - 1 < HAMPEL_MIN_NEIGHBOURS) return sample;
    const window = samples.slice(lo, hi).map((s) => s.value);
    const centre = median(window) ?? sample.value;
    const mad = median(window.map((v) => Math.abs(v - centre))) ?? 0;
    const deviation = Math.abs(sample.value - centre);
    const isOutlier = deviation > HAMPEL_MAD_MULTIPLE * MAD_TO_SIGMA * mad && deviation > HAMPEL_MIN_DEVIATION_BPM;
    return isOutlier ? { tMs: sample.tMs, value: centre } : sample;
  });
}

/** Validity → despike → 1 Hz with short-gap interpolation → 5-s smoothing; one segment per run of usable data. */
export function prepareHrSegments(samples: readonly HrSample[]): Segment[] {
  const valid = samples.filter((s) => isPlausibleHr(s.bpm) && Number.isFinite(s.tMs));
  const despiked = hampelFilter(sortAndMerge(valid.map((s) => ({ tMs: s.tMs, value: s.bpm }))));
  return resampleToSegments(despiked, MAX_INTERPOLATION_GAP_SEC).map((segment) =>
    smoothSegment(segment, SMOOTHING_WINDOW_SEC, SMOOTHING_MIN_VALID_SEC),
  );
}
