import { MinHeap } from "./min-heap.js";

export interface MergeSample {
  sourceId: string;
  /** UTC epoch ms; an instantaneous sample has endMs === startMs. */
  startMs: number;
  endMs: number;
  /** A cumulative quantity (steps, kcal, m), spread evenly over [startMs, endMs). */
  value: number;
}

export interface MergedSegment {
  sourceId: string;
  startMs: number;
  endMs: number;
  /** The part of the sample's value that falls in this segment, pro-rated by duration. */
  value: number;
  /** Index of the sample in the input that this segment is kept from. */
  sampleIndex: number;
}

interface Ranked {
  index: number;
  sample: MergeSample;
  rank: number;
}

/** Lower rank wins; equal ranks fall back to source id, then input order, so the result never depends on sorting. */
function compareRanked(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.sample.sourceId !== b.sample.sourceId) return a.sample.sourceId < b.sample.sourceId ? -1 : 1;
  return a.index - b.index;
}

function rankSamples(samples: readonly MergeSample[], rankOf: (sourceId: string) => number): Ranked[] {
  const rankBySource = new Map<string, number>();
  return samples.map((sample, index) => {
    const { startMs, endMs, value } = sample;
    if (![startMs, endMs, value].every(Number.isFinite) || endMs < startMs) {
      throw new RangeError(`sample ${index} is not a finite span with endMs >= startMs`);
    }
    const rank = rankBySource.get(sample.sourceId) ?? rankOf(sample.sourceId);
    rankBySource.set(sample.sourceId, rank);
    return { index, sample, rank };
  });
}

function sortedBoundaries(ranked: readonly Ranked[]): number[] {
  const times = ranked.flatMap(({ sample }) => [sample.startMs, sample.endMs]).sort((a, b) => a - b);
  return times.filter((t, i) => i === 0 || t !== times[i - 1]);
}

function pieceOf(winner: Ranked, startMs: number, endMs: number): MergedSegment {
  const { sample } = winner;
  const value = (sample.value * (endMs - startMs)) / (sample.endMs - sample.startMs);
  return { sourceId: sample.sourceId, startMs, endMs, value, sampleIndex: winner.index };
}

/** Appends [startMs, endMs) of the winner, extending the previous segment when it is the same sample's. */
function appendPiece(segments: MergedSegment[], winner: Ranked, startMs: number, endMs: number): void {
  const last = segments.at(-1);
  if (last !== undefined && last.sampleIndex === winner.index && last.endMs === startMs) {
    segments[segments.length - 1] = pieceOf(winner, last.startMs, endMs);
  } else {
    segments.push(pieceOf(winner, startMs, endMs));
  }
}

/** The best instantaneous sample at `t`, unless a span at least as good already covers `t`. */
function keptPoint(points: readonly Ranked[], covering: Ranked | undefined): MergedSegment | null {
  const best = points.reduce<Ranked | undefined>((a, b) => (a === undefined || compareRanked(b, a) < 0 ? b : a), undefined);
  if (best === undefined || (covering !== undefined && covering.rank <= best.rank)) return null;
  const { sample } = best;
  return { sourceId: sample.sourceId, startMs: sample.startMs, endMs: sample.endMs, value: sample.value, sampleIndex: best.index };
}

/**
 * Apple Health-style de-duplication of one cumulative quantity: over every instant, only the best-ranked source
 * covering it counts. A sample partly covered by a better one keeps the uncovered fraction of its value, pro-rated
 * by duration. Instantaneous samples count unless a span ranked at least as well covers them (one per instant).
 * Sweep line over sorted boundaries with a heap of open spans: O(n log n). Segments come out in time order.
 */
export function mergeBySourcePriority(samples: readonly MergeSample[], rankOf: (sourceId: string) => number): MergedSegment[] {
  const ranked = rankSamples(samples, rankOf);
  const spans = ranked.filter((r) => r.sample.endMs > r.sample.startMs).sort((a, b) => a.sample.startMs - b.sample.startMs);
  const points = ranked.filter((r) => r.sample.endMs === r.sample.startMs).sort((a, b) => a.sample.startMs - b.sample.startMs);
  const boundaries = sortedBoundaries(ranked);
  const open = new MinHeap<Ranked>(compareRanked);
  const segments: MergedSegment[] = [];
  let nextSpan = 0;
  let nextPoint = 0;
  for (let k = 0; k < boundaries.length; k += 1) {
    const t = boundaries[k] ?? Number.NaN;
    for (let span = spans[nextSpan]; span !== undefined && span.sample.startMs <= t; span = spans[++nextSpan]) open.push(span);
    for (let top = open.peek(); top !== undefined && top.sample.endMs <= t; top = open.peek()) open.pop();
    const pointsHere: Ranked[] = [];
    for (let p = points[nextPoint]; p !== undefined && p.sample.startMs === t; p = points[++nextPoint]) pointsHere.push(p);
    const point = keptPoint(pointsHere, open.peek());
    if (point !== null) segments.push(point);
    const winner = open.peek();
    const nextT = boundaries[k + 1];
    if (winner !== undefined && nextT !== undefined) appendPiece(segments, winner, t, nextT);
  }
  return segments;
}
