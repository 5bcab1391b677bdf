import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { parseTcx } from "./parse-tcx.js";

/** Garmin Training Center XML, streamed. */
export const tcxFile: RecordFormat = {
  kind: "records",
  sniff: { xmlRoot: "TrainingCenterDatabase" },
  async *open(path, opts) {
    yield* parseTcx(countBytes(createReadStream(path), opts.onBytes), { nowMs: opts.nowMs });
  },
};
