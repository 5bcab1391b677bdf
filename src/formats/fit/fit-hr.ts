// Heart rate buffered by chest straps (HRM-Pro, swim) arrives in `hr` messages instead of records.
// Each message holds up to 8 beats; their times are 1/1024 s event stamps relative to an anchor
// message that also carries an absolute timestamp (same scheme as the FIT SDK's mergeHeartRates).
import type { FitHr, FitRecord } from "./fit-decode.js";

/** event_timestamp ticks per second (FIT profile scale). */
const EVENT_TICKS_PER_SECOND = 1024;
/** event_timestamp_12 packs 12-bit rolling values: 8 of them in 12 bytes. */
const PACKED_BITS = 12;
const PACKED_MASK = 0xfff;
/** An invalid byte inside a FIT byte array is decoded as null; on the wire it was 0xFF. */
const INVALID_BYTE = 0xff;

export interface BeatPoint {
  /** Same clock as the decoder's Date values (absolute or device-relative). */
  tMs: number;
  bpm: number;
}

function unpack12(bytes: readonly (number | null)[]): number[] {
  const values: number[] = [];
  const valueCount = Math.floor((bytes.length * 8) / PACKED_BITS);
  for (let k = 0; k < valueCount; k++) {
    const i = Math.floor((k * PACKED_BITS) / 8);
    const low = bytes[i] ?? INVALID_BYTE;
    const high = bytes[i + 1] ?? INVALID_BYTE;
    values.push(k % 2 === 0 ? low | ((high & 0x0f) << 8) : (low >> 4) | (high << 4));
  }
  return values;
}

interface Anchor {
  timeMs: number;
  eventTicks: number;
}

function eventTicksOf(message: FitHr, lastTicks: number): number[] {
  const direct = (message.event_timestamp ?? []).filter((value): value is number => value !== null);
  if (direct.length > 0) return direct.map((seconds) => Math.round(seconds * EVENT_TICKS_PER_SECOND));
  const ticks: number[] = [];
  let last = lastTicks;
  for (const packed of unpack12(message.event_timestamp12 ?? [])) {
    last += (packed - (last & PACKED_MASK)) & PACKED_MASK;
    ticks.push(last);
  }
  return ticks;
}

/** Expands `hr` messages into individual beats-per-minute points, oldest first. */
export function expandHrMessages(messages: readonly FitHr[]): BeatPoint[] {
  const points: BeatPoint[] = [];
  let anchor: Anchor | null = null;
  let lastTicks = 0;
  for (const message of messages) {
    const ticks = eventTicksOf(message, lastTicks);
    if (message.timestamp instanceof Date && ticks[0] !== undefined) {
      const fractionMs = (message.fractional_timestamp ?? 0) * 1000;
      anchor = { timeMs: message.timestamp.getTime() + fractionMs, eventTicks: ticks[0] };
    }
    const lastTick = ticks.at(-1);
    if (lastTick !== undefined) lastTicks = lastTick;
    if (!anchor) continue;
    const bpms = message.filtered_bpm ?? [];
    for (const [i, tick] of ticks.entries()) {
      const bpm = bpms[i];
      if (typeof bpm !== "number" || bpm <= 0) continue;
      const offsetMs = ((tick - anchor.eventTicks) * 1000) / EVENT_TICKS_PER_SECOND;
      points.push({ tMs: Math.round(anchor.timeMs + offsetMs), bpm });
    }
  }
  return points.sort((a, b) => a.tMs - b.tMs);
}

/**
 * Fills `heart_rate` on records that lack it with the mean of the beats since the previous record,
 * as the FIT SDK does. Records that already carry a heart rate are left untouched.
 */
export function mergeBeatsIntoRecords(records: FitRecord[], beats: readonly BeatPoint[]): void {
  if (beats.length === 0) return;
  let beatIndex = 0;
  let windowStartMs: number | null = null;
  for (const record of records) {
    if (!(record.timestamp instanceof Date)) continue;
    const windowEndMs = record.timestamp.getTime();
    const fromMs = windowStartMs ?? windowEndMs - 1000;
    let sum = 0;
    let count = 0;
    while (beatIndex < beats.length && (beats[beatIndex]?.tMs ?? Infinity) <= windowEndMs) {
      const beat = beats[beatIndex];
      if (beat && beat.tMs > fromMs) {
        sum += beat.bpm;
        count++;
      }
      beatIndex++;
    }
    if (record.heart_rate === undefined && count > 0) record.heart_rate = Math.round(sum / count);
    windowStartMs = windowEndMs;
  }
}
