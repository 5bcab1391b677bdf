import { readCapped } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { MAX_FIT_FILE_BYTES, parseFit } from "./parse-fit.js";

const FIT_SIGNATURE = Buffer.from(".FIT", "ascii");
// A FIT file header is 12 bytes (old) or 14 bytes (with header CRC); byte 0 says which.
const FIT_HEADER_SIZES = new Set([12, 14]);

function isFitHead(head: Buffer): boolean {
  const size = head[0];
  return size !== undefined && FIT_HEADER_SIZES.has(size) && head.length >= size && head.subarray(8, 12).equals(FIT_SIGNATURE);
}

/** Garmin's binary activity file (also Wahoo, Coros, Suunto, Strava's originals); read whole below its cap. */
export const fitFile: RecordFormat = {
  kind: "records",
  sniff: { binary: isFitHead },
  async *open(path, opts) {
    const buf = await readCapped(path, MAX_FIT_FILE_BYTES, "FIT");
    opts.onBytes(buf.length);
    yield* parseFit(buf, { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};
