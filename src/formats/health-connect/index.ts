import type { RecordFormat } from "../contract.js";
import { isExportDbEntry, parseHealthConnectZip } from "./parse-health-connect.js";

/** Android Health Connect's export, "Health Connect.zip": one SQLite database. */
export const healthConnectZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some(isExportDbEntry) },
  async *open(path, opts) {
    yield* parseHealthConnectZip(path, { nowMs: opts.nowMs }, opts);
  },
};
