import type { RecordFormat } from "../contract.js";
import { parseGoogleFitTakeoutZip } from "./parse-google-fit-takeout.js";

/** A Google Takeout zip holding Google Fit's data. */
export const googleFitTakeoutZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some((name) => name.startsWith("Takeout/Fit/")) },
  async *open(path, opts) {
    yield* parseGoogleFitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};
