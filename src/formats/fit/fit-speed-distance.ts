// Old Garmin devices (Forerunner 70/310) store speed and distance in one 3-byte component field,
// `compressed_speed_distance`, which fit-file-parser returns as raw bytes: speed is 12 bits in
// 1/100 m/s, distance is a 12-bit rolling counter in 1/16 m that must be accumulated.
import type { FitRecord } from "./fit-decode.js";

const SPEED_UNITS_PER_MPS = 100;
const DISTANCE_UNITS_PER_M = 16;
const DISTANCE_MASK = 0xfff;
/** An invalid byte inside a FIT byte array is decoded as null; on the wire it was 0xFF. */
const INVALID_BYTE = 0xff;

export interface SpeedDistance {
  speedMps: number | null;
  distanceM: number | null;
}

/** Speed and distance per record, aligned with `records`; uses the plain fields when present. */
export function speedAndDistanceByRecord(records: readonly FitRecord[]): SpeedDistance[] {
  let accumulatedUnits = 0;
  return records.map((record) => {
    const packed = record.compressed_speed_distance;
    if (!packed || packed.length < 3) {
      return {
        speedMps: record.enhanced_speed ?? record.speed ?? null,
        distanceM: record.distance ?? null,
      };
    }
    const b0 = packed[0] ?? INVALID_BYTE;
    const b1 = packed[1] ?? INVALID_BYTE;
    const b2 = packed[2] ?? INVALID_BYTE;
    const distanceUnits = (b1 >> 4) | (b2 << 4);
    accumulatedUnits += (distanceUnits - (accumulatedUnits & DISTANCE_MASK)) & DISTANCE_MASK;
    return {
      speedMps: (b0 | ((b1 & 0x0f) << 8)) / SPEED_UNITS_PER_MPS,
      distanceM: accumulatedUnits / DISTANCE_UNITS_PER_M,
    };
  });
}
