import type { RecordFormat } from "../contract.js";
import { isGarminZip, parseGarminZip } from "./parse-garmin.js";

/** Garmin Connect's account export, or an "Export Original" zip of one activity. */
export const garminConnectZip: RecordFormat = {
  kind: "records",
  sniff: { zip: isGarminZip },
  async *open(path, opts) {
    yield* parseGarminZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone }, opts);
  },
};
