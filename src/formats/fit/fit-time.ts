// FIT timestamps are seconds since 1989-12-31T00:00:00Z, always UTC. Values below 0x10000000 are
// "system time" (seconds since the device powered on, clock never set); the decoder still turns
// them into 1990 dates, so they are recognised here and re-anchored through activity.local_timestamp.

import { utcOffsetMinAt, wallTimeToUtcMs } from "../../lib/zone.js";
import type { FitActivity } from "./fit-decode.js";

export const FIT_EPOCH_MS = Date.UTC(1989, 11, 31);
/** Timestamps below this many seconds after the FIT epoch are device-relative, per the FIT profile. */
const RELATIVE_TIMESTAMP_LIMIT_SEC = 0x10000000;
const RELATIVE_LIMIT_MS = FIT_EPOCH_MS + RELATIVE_TIMESTAMP_LIMIT_SEC * 1000;
/** Local offsets are whole quarter hours; beyond ±14 h the activity message is not trustworthy. */
const OFFSET_STEP_MIN = 15;
const MAX_OFFSET_MIN = 14 * 60;

export interface FitClock {
  /** Converts a decoder Date (absolute or device-relative) to UTC epoch ms. */
  toUtcMs(decoderMs: number): number;
  utcOffsetMin: number | null;
}

export function isDeviceRelative(decoderMs: number): boolean {
  return decoderMs < RELATIVE_LIMIT_MS;
}

/** Raw FIT seconds, as stored in the file (used for stable ids). */
export function fitSeconds(date: Date): number {
  return Math.round((date.getTime() - FIT_EPOCH_MS) / 1000);
}

function localOffsetMin(activity: FitActivity | null): number | null {
  const local = activity?.local_timestamp;
  const utc = activity?.timestamp;
  if (!(local instanceof Date) || !(utc instanceof Date) || isDeviceRelative(utc.getTime())) return null;
  const offsetMin = Math.round((local.getTime() - utc.getTime()) / 60_000 / OFFSET_STEP_MIN) * OFFSET_STEP_MIN;
  return Math.abs(offsetMin) <= MAX_OFFSET_MIN ? offsetMin : null;
}

/**
 * Builds the clock for a file whose first timestamp is `sampleMs`. Returns a readable reason instead
 * when the file only has device-relative times that cannot be placed (no anchor or no time zone).
 */
export function fitClock(sampleMs: number, activity: FitActivity | null, timeZone?: string): FitClock | string {
  if (!isDeviceRelative(sampleMs)) {
    return { toUtcMs: (decoderMs) => decoderMs, utcOffsetMin: localOffsetMin(activity) };
  }
  const local = activity?.local_timestamp;
  const relative = activity?.timestamp;
  if (!(local instanceof Date) || !(relative instanceof Date) || isDeviceRelative(local.getTime())) {
    return "the device clock was not set (times count from power-on) and the file has no local time to anchor them";
  }
  if (!timeZone) {
    return "the device clock was not set (times count from power-on); a time zone is needed to place the workout";
  }
  const anchorUtcMs = wallTimeToUtcMs(local.getTime(), timeZone);
  const utcShiftMs = anchorUtcMs - relative.getTime();
  return { toUtcMs: (decoderMs) => decoderMs + utcShiftMs, utcOffsetMin: utcOffsetMinAt(anchorUtcMs, timeZone) };
}
