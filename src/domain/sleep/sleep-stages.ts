import type { SleepStageType } from "../../lib/vocabulary.js";
import { type MergeSample, mergeBySourcePriority } from "../samples/merge-by-source-priority.js";
import { oneGrainPerNight } from "./sleep-records.js";

/** One stored sleep-stage sample; value = minutes of its stage inside [startMs, endMs). */
export interface SleepSampleRow {
  type: SleepStageType;
  sourceId: string;
  startMs: number;
  endMs: number;
  value: number;
  /** Minutes east of UTC the record was written at. */
  utcOffsetMin: number;
}

/** A counted part of one sample: the minutes of its stage that fall inside [startMs, endMs). */
export interface SleepPiece {
  type: SleepStageType;
  sourceId: string;
  startMs: number;
  endMs: number;
  minutes: number;
  utcOffsetMin: number;
}

interface Span {
  sourceId: string;
  startMs: number;
  endMs: number;
}

const toMerge = (rows: readonly SleepSampleRow[]): MergeSample[] =>
  rows.map((r) => ({ sourceId: r.sourceId, startMs: r.startMs, endMs: r.endMs, value: r.value }));

/** One source's samples of one stage, their self-overlaps removed (a file listing a segment twice counts it once). */
function ownPieces(rows: readonly SleepSampleRow[]): SleepPiece[] {
  return mergeBySourcePriority(toMerge(rows), () => 0).map((seg) => {
    const row = rows[seg.sampleIndex];
    return {
      type: row?.type ?? "sleep_asleep",
      sourceId: seg.sourceId,
      startMs: seg.startMs,
      endMs: seg.endMs,
      minutes: seg.value,
      utcOffsetMin: row?.utcOffsetMin ?? 0,
    };
  });
}

/** The parts of `pieces` (time-ordered, disjoint) inside the spans `won` (time-ordered, disjoint), minutes pro-rated. */
function clipTo(pieces: readonly SleepPiece[], won: readonly Span[]): SleepPiece[] {
  const kept: SleepPiece[] = [];
  let w = 0;
  for (const piece of pieces) {
    while (w < won.length && (won[w]?.endMs ?? 0) <= piece.startMs) w += 1;
    for (let k = w; k < won.length; k += 1) {
      const span = won[k];
      if (span === undefined || span.startMs >= piece.endMs) break;
      const startMs = Math.max(span.startMs, piece.startMs);
      const endMs = Math.min(span.endMs, piece.endMs);
      if (endMs <= startMs) continue;
      const minutes = (piece.minutes * (endMs - startMs)) / (piece.endMs - piece.startMs);
      kept.push({ ...piece, startMs, endMs, minutes });
    }
  }
  return kept;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The sleep that counts, de-duplicated across sources by the same per-instant source priority as other samples:
 * the stages (asleep, core, deep, rem, awake) of only the best-ranked source covering an instant count there, so a
 * watch's stages and a phone's "asleep" for the same night are never added. Within that source every stage it
 * wrote counts (an aggregated night spreads each stage total over the night). Time in bed is merged on its own:
 * it overlaps the stages by nature and is shown, never counted as sleep. Pieces come out in time order.
 */
export function countedSleepPieces(rows: readonly SleepSampleRow[], rankOf: (sourceId: string) => number): SleepPiece[] {
  const spans = rows.filter((r) => r.endMs > r.startMs);
  // Each source's night once, whatever grains it arrived in (sleep-records.ts), before sources are weighed.
  const bySource = groupBy(
    spans.filter((r) => r.type !== "sleep_in_bed"),
    (r) => r.sourceId,
  );
  const stages = [...bySource.values()].flatMap((own) => oneGrainPerNight(own));
  const inBed = spans.filter((r) => r.type === "sleep_in_bed");
  const wonBySource = groupBy(mergeBySourcePriority(toMerge(stages), rankOf), (s) => s.sourceId);
  const pieces: SleepPiece[] = [];
  for (const group of groupBy(stages, (r) => `${r.sourceId}\u0000${r.type}`).values()) {
    pieces.push(...clipTo(ownPieces(group), wonBySource.get(group[0]?.sourceId ?? "") ?? []));
  }
  for (const seg of mergeBySourcePriority(toMerge(inBed), rankOf)) {
    const row = inBed[seg.sampleIndex];
    pieces.push({
      type: "sleep_in_bed",
      sourceId: seg.sourceId,
      startMs: seg.startMs,
      endMs: seg.endMs,
      minutes: seg.value,
      utcOffsetMin: row?.utcOffsetMin ?? 0,
    });
  }
  return pieces.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}
