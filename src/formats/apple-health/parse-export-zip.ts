import { countBytes } from "../common/read-file.js";
import type { ZipEntryStream, ZipLimits } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, openZipEntryStream } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { AppleHealthParseOptions } from "./parse-export-xml.js";
import { parseAppleHealthXml } from "./parse-export-xml.js";

const EXPORT_DIR = "apple_health_export/";
// The clinical-records CDA file sits next to export.xml and is also XML ("export_cda.xml", possibly localized).
const CDA_SUFFIX = "_cda.xml";

/**
 * True for the export XML inside Apple's zip: a top-level *.xml in apple_health_export/ other than the CDA file.
 * The name is localized ("export.xml", "exportar.xml", "导出.xml"), so only its place and extension are fixed.
 */
export function isAppleExportXmlEntry(fileName: string): boolean {
  if (!fileName.startsWith(EXPORT_DIR)) return false;
  const baseName = fileName.slice(EXPORT_DIR.length).toLowerCase();
  return !baseName.includes("/") && !baseName.startsWith(".") && baseName.endsWith(".xml") && !baseName.endsWith(CDA_SUFFIX);
}

/** Finds and opens the export XML inside an Apple Health export.zip, after the zip safety checks. */
async function openAppleExportEntry(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntryStream> {
  const entry = await openZipEntryStream(path, isAppleExportXmlEntry, limits);
  if (entry === null) {
    throw new ParseError("ZIP_NO_EXPORT", `The zip has no ${EXPORT_DIR}export.xml (or localized equivalent): is this an Apple Health export?`);
  }
  return entry;
}

/** Streams the export XML straight out of an Apple Health export.zip (never extracted to disk). */
export async function* parseAppleHealthZip(
  path: string,
  opts: AppleHealthParseOptions & { onBytes?: (bytes: number) => void; onTotalBytes?: (bytes: number) => void },
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  const { onBytes, onTotalBytes, ...xmlOpts } = opts;
  const entry = await openAppleExportEntry(path, limits);
  onTotalBytes?.(entry.uncompressedBytes);
  try {
    yield* parseAppleHealthXml(onBytes ? countBytes(entry.stream, onBytes) : entry.stream, xmlOpts);
  } finally {
    entry.stream.destroy();
  }
}
