import type { RecordFormat } from "../contract.js";
import { REQUIRED_TABLES } from "./hc-schema.js";
import { isExportDbEntry, parseHealthConnectDb, parseHealthConnectZip } from "./parse-health-connect.js";

/** Android Health Connect's export, "Health Connect.zip": one SQLite database. */
export const healthConnectZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some(isExportDbEntry) },
  async *open(path, opts) {
    yield* parseHealthConnectZip(path, { nowMs: opts.nowMs }, opts);
  },
};

/** The database that zip holds, uploaded on its own: a SQLite file with Health Connect's tables. */
export const healthConnectDb: RecordFormat = {
  kind: "records",
  sniff: { sqliteTables: (tables) => REQUIRED_TABLES.every((table) => tables.includes(table)) },
  async *open(path, opts) {
    yield* parseHealthConnectDb(path, { nowMs: opts.nowMs }, opts);
  },
};
