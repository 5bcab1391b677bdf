import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { parseGpx } from "./parse-gpx.js";

/** GPX tracks (with Garmin's heart-rate extensions), streamed. */
export const gpxFile: RecordFormat = {
  kind: "records",
  sniff: { xmlRoot: "gpx" },
  async *open(path, opts) {
    yield* parseGpx(countBytes(createReadStream(path), opts.onBytes), { nowMs: opts.nowMs });
  },
};
