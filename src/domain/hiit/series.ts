// 1 Hz series helpers shared by the heart-rate pipeline and the speed/power assistance.

export interface TimedValue {
  tMs: number;
  value: number;
}

/** Consecutive whole seconds: values[i] belongs to epoch second startSec + i; NaN marks "no estimate". */
export interface Segment {
  startSec: number;
  values: number[];
}

const MS_PER_SEC = 1000;

/** Sorts by time and merges samples sharing a timestamp into their mean. */
export function sortAndMerge(samples: readonly TimedValue[]): TimedValue[] {
  const sorted = [...samples].sort((a, b) => a.tMs - b.tMs);
  const merged: TimedValue[] = [];
  let count = 0;
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && last.tMs === s.tMs) {
      count += 1;
      last.value += (s.value - last.value) / count;
    } else {
      merged.push({ tMs: s.tMs, value: s.value });
      count = 1;
    }
  }
  return merged;
}

/**
 * Resamples sorted samples onto whole seconds, interpolating linearly only between samples at most `maxGapSec`
 * apart. A longer gap ends a segment: nothing is invented across it, and later stages treat it as missing data.
 */
export function resampleToSegments(samples: readonly TimedValue[], maxGapSec: number): Segment[] {
  const segments: Segment[] = [];
  let runStart = 0;
  for (let i = 1; i <= samples.length; i += 1) {
    const prev = samples[i - 1];
    const next = samples[i];
    if (prev !== undefined && next !== undefined && next.tMs - prev.tMs <= maxGapSec * MS_PER_SEC) continue;
    const segment = resampleRun(samples.slice(runStart, i));
    if (segment !== null) segments.push(segment);
    runStart = i;
  }
  return segments;
}

function resampleRun(run: readonly TimedValue[]): Segment | null {
  const first = run[0];
  const last = run.at(-1);
  if (first === undefined || last === undefined) return null;
  const startSec = Math.ceil(first.tMs / MS_PER_SEC);
  const endSec = Math.floor(last.tMs / MS_PER_SEC);
  if (endSec < startSec) return null;
  const values: number[] = [];
  let j = 0;
  for (let sec = startSec; sec <= endSec; sec += 1) {
    const tMs = sec * MS_PER_SEC;
    while (j + 1 < run.length && (run[j + 1]?.tMs ?? Number.POSITIVE_INFINITY) <= tMs) j += 1;
    const a = run[j];
    const b = run[j + 1];
    if (a === undefined) break;
    if (a.tMs === tMs || b === undefined) values.push(a.value);
    else values.push(a.value + ((b.value - a.value) * (tMs - a.tMs)) / (b.tMs - a.tMs));
  }
  return { startSec, values };
}

/** Centred moving average over `windowSec` seconds; NaN unless at least `minValid` values of the window exist. */
export function smoothSegment(segment: Segment, windowSec: number, minValid: number): Segment {
  const half = Math.floor(windowSec / 2);
  const values = segment.values.map((centre, i) => {
    if (Number.isNaN(centre)) return Number.NaN;
    let sum = 0;
    let n = 0;
    for (let k = i - half; k <= i + half; k += 1) {
      const v = segment.values[k];
      if (v !== undefined && !Number.isNaN(v)) {
        sum += v;
        n += 1;
      }
    }
    return n >= minValid ? sum / n : Number.NaN;
  });
  return { startSec: segment.startSec, values };
}

export function secToMs(sec: number): number {
  return sec * MS_PER_SEC;
}
