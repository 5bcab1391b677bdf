import { readCapped } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { MAX_HAE_FILE_BYTES, parseHealthAutoExportFile } from "./parse-hae.js";

export { parseHealthAutoExport } from "./parse-hae.js";

/** The Health Auto Export app's JSON file (its REST push is read by the same parser, from the sync module). */
export const healthAutoExportJson: RecordFormat = {
  kind: "records",
  sniff: { json: ({ text, keys }) => text.startsWith("{") && (keys.has("$.data.metrics") || keys.has("$.data.workouts")) },
  async *open(path, opts) {
    const buf = await readCapped(path, MAX_HAE_FILE_BYTES, "Health Auto Export");
    opts.onBytes(buf.length);
    yield* parseHealthAutoExportFile(buf, { nowMs: opts.nowMs });
  },
};
