import type { ArchiveFormat } from "../contract.js";
import { MANIFEST_ENTRY } from "./manifest.js";
import { parseWearsyncExport } from "./parse-archive.js";

export { EXPORT_FORMAT_NAME, EXPORT_FORMAT_VERSION } from "./manifest.js";

/**
 * wearsync's own export (GET /v1/export): NDJSON per table and a manifest. The entry names are only the sniff; the
 * manifest's format name and version decide (read first, before any row).
 */
export const wearsyncExportZip: ArchiveFormat = {
  kind: "archive",
  sniff: { zip: (names) => names.includes(MANIFEST_ENTRY) && names.includes("users.ndjson") && names.includes("samples.ndjson") },
  open: (path, opts) => parseWearsyncExport(path, opts),
};
