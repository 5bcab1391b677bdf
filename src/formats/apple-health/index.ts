import { createReadStream } from "node:fs";
import { countBytes } from "../common/read-file.js";
import type { RecordFormat } from "../contract.js";
import { parseAppleHealthXml } from "./parse-export-xml.js";
import { isAppleExportXmlEntry, parseAppleHealthZip } from "./parse-export-zip.js";

/** The Health app's export.zip: its export XML is streamed out of the archive, never extracted. */
export const appleHealthZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some(isAppleExportXmlEntry) },
  async *open(path, opts) {
    yield* parseAppleHealthZip(path, { nowMs: opts.nowMs, onBytes: opts.onBytes, ...(opts.onTotalBytes ? { onTotalBytes: opts.onTotalBytes } : {}) });
  },
};

/** The export.xml on its own. */
export const appleHealthXml: RecordFormat = {
  kind: "records",
  sniff: { xmlRoot: "HealthData" },
  async *open(path, opts) {
    yield* parseAppleHealthXml(countBytes(createReadStream(path), opts.onBytes), { nowMs: opts.nowMs });
  },
};
