import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { parseHealthAutoExportStream } from "./hae-stream.js";

export { parseHealthAutoExport } from "./parse-hae.js";

/** The Health Auto Export app's JSON file, streamed whatever its size (its REST push is read by `parseHealthAutoExport`). */
export const healthAutoExportJson: RecordFormat = {
  kind: "records",
  sniff: { json: ({ text, keys }) => text.startsWith("{") && (keys.has("$.data.metrics") || keys.has("$.data.workouts")) },
  async *open(path, opts) {
    yield* parseHealthAutoExportStream(countBytes(createReadStream(path), opts.onBytes), { nowMs: opts.nowMs });
  },
};
