import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { parseStravaActivitiesCsv, parseStravaZip, stravaCsvEntry } from "./parse-strava.js";
import { isStravaHeader } from "./strava-csv.js";

/** Strava's bulk export zip: activities.csv and the original uploads in activities/. */
export const stravaZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => stravaCsvEntry(entryNames) !== null },
  async *open(path, opts) {
    yield* parseStravaZip(path, { nowMs: opts.nowMs, onBytes: opts.onBytes, ...(opts.onTotalBytes ? { onTotalBytes: opts.onTotalBytes } : {}) });
  },
};

/** Strava's activities.csv uploaded on its own: each row is a workout. */
export const stravaActivitiesCsv: RecordFormat = {
  kind: "records",
  sniff: { csvHeader: isStravaHeader },
  async *open(path, opts) {
    yield* parseStravaActivitiesCsv(countBytes(createReadStream(path), opts.onBytes), opts.nowMs);
  },
};
