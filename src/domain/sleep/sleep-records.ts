import type { SleepStageType } from "../../lib/vocabulary.js";

// One source can say the same night twice, in records of two grains that arrived separately: Health Auto Export's
// night totals (each stage's minutes spread over the night) beside the same night's segments, or Samsung Health's
// session ("asleep", from its sleep CSV) beside its stages (from its stage CSV). Across sources the per-instant
// priority merge keeps one source; within one source every stage counts, so such a night would count twice.
//
// A record is every stage sample of a source with the same span (a night's totals are one record of several
// stages). Where a source's record spans shorter records of its own that hold sleep stages, those are its detail:
// when they hold (nearly) all its minutes they count and it does not; when they hold clearly less (an export window
// that cut the night), it is the more complete account of that night and they do not count inside its span.

/** A stage sample of one source: its minutes of `type` inside [startMs, endMs). */
interface StageRow {
  type: SleepStageType;
  startMs: number;
  endMs: number;
  value: number;
}

const ASLEEP: ReadonlySet<SleepStageType> = new Set(["sleep_asleep", "sleep_core", "sleep_deep", "sleep_rem"]);

/**
 * The detail replaces the spanning record when it holds at least this share of the record's minutes: totals
 * written in hours and the segments they were summed from differ by rounding, not by a tenth. A product rule.
 */
export const DETAIL_MIN_SHARE = 0.9;

interface SpanRecord<T extends StageRow> {
  startMs: number;
  endMs: number;
  rows: T[];
  minutes: number;
  /** dropped: the detail counts instead; settled: kept as it now is, clipped out of a record that won. */
  state: "open" | "dropped" | "settled";
}

const lengthOf = (r: { startMs: number; endMs: number }) => r.endMs - r.startMs;

function insideShare(row: StageRow, span: { startMs: number; endMs: number }): number {
  const overlapMs = Math.min(row.endMs, span.endMs) - Math.max(row.startMs, span.startMs);
  return overlapMs <= 0 ? 0 : overlapMs / lengthOf(row);
}

/** The parts of `row` before and after `span`, their minutes pro-rated by time. */
function outside<T extends StageRow>(row: T, span: { startMs: number; endMs: number }): T[] {
  const parts: T[] = [];
  const part = (startMs: number, endMs: number) => parts.push({ ...row, startMs, endMs, value: (row.value * (endMs - startMs)) / lengthOf(row) });
  if (row.startMs < span.startMs) part(row.startMs, Math.min(row.endMs, span.startMs));
  if (row.endMs > span.endMs) part(Math.max(row.startMs, span.endMs), row.endMs);
  return parts;
}

function recordsOf<T extends StageRow>(rows: readonly T[]): SpanRecord<T>[] {
  const bySpan = new Map<string, SpanRecord<T>>();
  for (const row of rows) {
    const key = `${row.startMs}:${row.endMs}`;
    const record = bySpan.get(key);
    if (record) {
      record.rows.push(row);
      record.minutes += row.value;
    } else bySpan.set(key, { startMs: row.startMs, endMs: row.endMs, rows: [row], minutes: row.value, state: "open" });
  }
  return [...bySpan.values()].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/** The open records shorter than `span` that overlap it; `byStart` is sorted by start, none longer than `maxMs`. */
function finerInside<T extends StageRow>(byStart: readonly SpanRecord<T>[], span: SpanRecord<T>, maxMs: number): SpanRecord<T>[] {
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byStart[mid]?.startMs ?? Number.POSITIVE_INFINITY) > span.startMs - maxMs) hi = mid;
    else lo = mid + 1;
  }
  const finer: SpanRecord<T>[] = [];
  for (let i = lo; i < byStart.length; i += 1) {
    const r = byStart[i];
    if (r === undefined || r.startMs >= span.endMs) break;
    if (r.state === "open" && r.endMs > span.startMs && lengthOf(r) < lengthOf(span)) finer.push(r);
  }
  return finer;
}

/** One source's stage rows (time in bed excluded), each night said once whatever grains it arrived in (see above). */
export function oneGrainPerNight<T extends StageRow>(rows: readonly T[]): T[] {
  const byStart = recordsOf(rows);
  if (byStart.length < 2) return [...rows];
  const maxMs = Math.max(...byStart.map(lengthOf));
  const longestFirst = [...byStart].sort((a, b) => lengthOf(b) - lengthOf(a) || a.startMs - b.startMs);
  for (const span of longestFirst) {
    if (span.state !== "open") continue;
    const finer = finerInside(byStart, span, maxMs);
    const inside = (keep: (row: T) => boolean) =>
      finer.reduce((sum, r) => sum + r.rows.reduce((s, row) => s + (keep(row) ? row.value * insideShare(row, span) : 0), 0), 0);
    // Only wakes inside (Fitbit's short wakes within a stage, already taken out of it) are no second account.
    if (inside((row) => ASLEEP.has(row.type)) === 0) continue;
    if (inside(() => true) >= DETAIL_MIN_SHARE * span.minutes) {
      span.state = "dropped";
      continue;
    }
    for (const r of finer) {
      r.rows = r.rows.flatMap((row) => outside(row, span));
      r.state = "settled";
    }
  }
  return byStart.flatMap((r) => (r.state === "dropped" ? [] : r.rows));
}
