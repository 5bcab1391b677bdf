// A FIT session's time window, checked against the records it owns. Devices sometimes write a broken session
// header: timer and elapsed time swapped, a start_time hours away from the first record, an elapsed time that
// ends before the records do. The records are the device's own second-by-second log, so where the header
// disagrees with them the records decide. Pure; times are in the decoder's clock (ms).

/** Header and records may disagree by this much without either being wrong (start button vs first fix). */
export const HEADER_RECORD_TOLERANCE_MS = 60_000;
/**
 * Records more than a day apart from the rest are not part of the same recording: a truncated file can end in a
 * record stamped decades away. Pauses inside one activity are shorter than this.
 */
export const MAX_RECORD_GAP_MS = 24 * 3_600_000;
const MS_PER_SEC = 1000;

export interface SessionHeader {
  /** session.start_time, or timestamp − total_elapsed_time when start_time is missing; null when neither. */
  startMs: number | null;
  elapsedSec: number | null;
  timerSec: number | null;
}

export interface RecordSpan {
  firstMs: number;
  lastMs: number;
}

export interface SessionWindow {
  startMs: number;
  endMs: number;
  /** After repair: the timer (moving) time never exceeds the elapsed time. */
  elapsedSec: number | null;
  timerSec: number | null;
  /** "records" when the header's start was unusable and the first record's time was taken instead. */
  startFrom: "header" | "records";
  /** The records' main run (see recordSpan), or null without records. */
  recordSpan: RecordSpan | null;
}

/**
 * The span of the records' main run: times split where two consecutive records are more than MAX_RECORD_GAP_MS
 * apart, and the run holding most records wins (the earliest on a tie). `timesMs` must be sorted.
 */
export function recordSpan(timesMs: readonly number[]): RecordSpan | null {
  let best: { span: RecordSpan; count: number } | null = null;
  let runStart = 0;
  for (let i = 1; i <= timesMs.length; i++) {
    const previous = timesMs[i - 1];
    const current = timesMs[i];
    if (current !== undefined && previous !== undefined && current - previous <= MAX_RECORD_GAP_MS) continue;
    const first = timesMs[runStart];
    const count = i - runStart;
    if (first !== undefined && previous !== undefined && (best === null || count > best.count)) {
      best = { span: { firstMs: first, lastMs: previous }, count };
    }
    runStart = i;
  }
  return best?.span ?? null;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The FIT profile defines total_timer_time as the part of total_elapsed_time the timer was running, so a timer
 * longer than the elapsed time (beyond the tolerance) means the device wrote the two fields the wrong way round.
 */
export function repairTimes(elapsedSec: number | null, timerSec: number | null): { elapsedSec: number | null; timerSec: number | null } {
  const elapsed = finiteOrNull(elapsedSec);
  const timer = finiteOrNull(timerSec);
  if (elapsed !== null && timer !== null && timer * MS_PER_SEC > elapsed * MS_PER_SEC + HEADER_RECORD_TOLERANCE_MS) {
    return { elapsedSec: timer, timerSec: elapsed };
  }
  return { elapsedSec: elapsed, timerSec: timer };
}

/**
 * The header's start is wrong when records begin well before it, or when it lies well before the first record
 * and its elapsed time does not reach the last one (the start was moved, not the records delayed).
 */
function headerStartUsable(startMs: number | null, elapsedSec: number | null, span: RecordSpan | null): startMs is number {
  if (startMs === null || !Number.isFinite(startMs)) return false;
  if (span === null) return true;
  if (startMs > span.firstMs + HEADER_RECORD_TOLERANCE_MS) return false;
  if (startMs >= span.firstMs - HEADER_RECORD_TOLERANCE_MS) return true;
  return elapsedSec !== null && startMs + elapsedSec * MS_PER_SEC >= span.lastMs - HEADER_RECORD_TOLERANCE_MS;
}

/** The session's window, or null when neither the header nor any record gives it a time. */
export function resolveSessionWindow(header: SessionHeader, span: RecordSpan | null): SessionWindow | null {
  const { elapsedSec, timerSec } = repairTimes(header.elapsedSec, header.timerSec);
  const headerStartMs = header.startMs;
  const fromHeader = headerStartUsable(headerStartMs, elapsedSec, span);
  let startMs: number;
  if (fromHeader) startMs = span === null ? headerStartMs : Math.min(headerStartMs, span.firstMs);
  else if (span !== null) startMs = span.firstMs;
  else return null;
  const elapsedEndMs = startMs + (elapsedSec ?? 0) * MS_PER_SEC;
  const endMs = Math.max(elapsedEndMs, span?.lastMs ?? startMs);
  return { startMs, endMs, elapsedSec, timerSec, startFrom: fromHeader ? "header" : "records", recordSpan: span };
}
