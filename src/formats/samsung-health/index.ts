import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { isSamsungDataFile, parseSamsungCsv, parseSamsungZip } from "./parse-samsung.js";
import { isSamsungMetadataLine } from "./samsung-csv.js";

/** Samsung Health's "Download personal data" folder, zipped. */
export const samsungHealthZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some(isSamsungDataFile) },
  async *open(path, opts) {
    yield* parseSamsungZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone }, opts);
  },
};

/** One of that folder's CSVs uploaded on its own; its first line names its data type. */
export const samsungHealthCsv: RecordFormat = {
  kind: "records",
  sniff: { csvHeader: isSamsungMetadataLine },
  async *open(path, opts) {
    yield* parseSamsungCsv(countBytes(createReadStream(path), opts.onBytes), { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};
