import type { AssistInput } from "./assist.js";
import { ASSIST_MAX_GAP_SEC } from "./assist.js";
import type { HrSample } from "./hr-cleaning.js";
import type { TimedValue } from "./series.js";
import { resampleToSegments, sortAndMerge } from "./series.js";

/** A workout stream as stored: offsets in ms from the workout start, values in the kind's unit. */
export interface StoredStream {
  offsetsMs: readonly number[];
  values: readonly number[];
}

// No CP/FTP or critical speed is stored per person, so it is estimated from their own data: 95 % of the best
// 20-min mean is the usual FTP field-test convention (Allen & Coggan); an engineering default (docs/science.md §7.6).
export const CRITICAL_LEVEL_WINDOW_SEC = 1200;
export const CRITICAL_LEVEL_FRACTION_OF_BEST = 0.95;

export function streamPoints(startMs: number, stream: StoredStream): TimedValue[] {
  const n = Math.min(stream.offsetsMs.length, stream.values.length);
  const points: TimedValue[] = [];
  for (let i = 0; i < n; i += 1) {
    const offsetMs = stream.offsetsMs[i];
    const value = stream.values[i];
    if (offsetMs !== undefined && value !== undefined) points.push({ tMs: startMs + offsetMs, value });
  }
  return points;
}

export function heartRateFromStream(startMs: number, stream: StoredStream): HrSample[] {
  return streamPoints(startMs, stream).map((p) => ({ tMs: p.tMs, bpm: p.value }));
}

/** Highest mean over any `windowSec` of continuous data (gaps ≤ 15 s interpolated), or null if none is that long. */
export function bestMeanOverWindow(samples: readonly TimedValue[], windowSec: number): number | null {
  const valid = samples.filter((s) => Number.isFinite(s.tMs) && Number.isFinite(s.value) && s.value >= 0);
  let best: number | null = null;
  for (const segment of resampleToSegments(sortAndMerge(valid), ASSIST_MAX_GAP_SEC)) {
    const values = segment.values;
    if (values.length < windowSec) continue;
    let sum = 0;
    for (let i = 0; i < values.length; i += 1) {
      sum += values[i] ?? 0;
      if (i >= windowSec) sum -= values[i - windowSec] ?? 0;
      if (i >= windowSec - 1 && (best === null || sum / windowSec > best)) best = sum / windowSec;
    }
  }
  return best;
}

/** Critical power (W) or speed (m/s) estimate from the person's recent streams; null without 20 min of data. */
export function estimateCriticalLevel(streams: readonly (readonly TimedValue[])[]): number | null {
  let best: number | null = null;
  for (const stream of streams) {
    const mean = bestMeanOverWindow(stream, CRITICAL_LEVEL_WINDOW_SEC);
    if (mean !== null && (best === null || mean > best)) best = mean;
  }
  return best === null || best <= 0 ? null : CRITICAL_LEVEL_FRACTION_OF_BEST * best;
}

/** Critical speed is a running concept: on a bike, descents would read as "work" bouts. */
export function speedAssistApplies(activityType: string): boolean {
  return /run/.test(activityType);
}

export function powerAssist(samples: readonly TimedValue[], criticalPowerW: number | null): AssistInput | null {
  return criticalPowerW === null || samples.length === 0 ? null : { kind: "power", samples, criticalPowerW };
}

export function speedAssist(samples: readonly TimedValue[], criticalSpeedMps: number | null): AssistInput | null {
  return criticalSpeedMps === null || samples.length === 0 ? null : { kind: "speed", samples, criticalSpeedMps };
}
