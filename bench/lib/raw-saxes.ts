import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { isAppleExportXmlEntry } from "../../src/formats/apple-health/parse-export-zip.js";
import { openZipEntryStream } from "../../src/formats/common/zip.js";

export interface RawSaxesResult {
  ms: number;
  /** CPU time of this process while it ran (the parse is single-threaded: ms − cpuMs is time lost to other load). */
  cpuMs: number;
  elements: number;
  xmlBytes: number;
}

async function xmlStream(path: string, format: "zip" | "xml"): Promise<Readable> {
  if (format === "xml") return createReadStream(path);
  const entry = await openZipEntryStream(path, isAppleExportXmlEntry);
  if (entry === null) throw new Error(`${path} has no Apple export.xml entry`);
  return entry.stream;
}

/**
 * The limit issue 17's ingest goal is stated against: a plain streaming saxes parse of the same file (inflated on the
 * way for a zip), counting elements and doing nothing else: no sanitizing, no guards, no records.
 */
export async function measureRawSaxes(path: string, format: "zip" | "xml"): Promise<RawSaxesResult> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const parser = new SaxesParser();
  const decoder = new StringDecoder("utf8");
  let elements = 0;
  let xmlBytes = 0;
  parser.on("opentag", () => {
    elements += 1;
  });
  for await (const chunk of await xmlStream(path, format)) {
    xmlBytes += (chunk as Buffer).length;
    parser.write(decoder.write(chunk as Buffer));
  }
  parser.write(decoder.end());
  parser.close();
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, elements, xmlBytes };
}
