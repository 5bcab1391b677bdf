// Shared by the Takeout zip readers: each entry is read whole under a size cap, its events are re-labelled
// with the entry's name, and a damaged entry costs that entry (a rejection), not the whole archive.

import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { ZipEntryStream } from "./zip.js";

/**
 * Entries read whole (Google Fit, Samsung Health, Strava, Garmin's FIT) are parsed in memory at 3-4 bytes of heap
 * per byte of JSON or CSV; 32 MiB keeps that parse (~110 MB) inside the worker's 192 MB heap cap (package.json).
 * Fitbit entries, the large ones (a month of intraday heart rate is ~40 MiB), are streamed instead.
 */
export const MAX_TAKEOUT_ENTRY_BYTES = 32 * 1024 * 1024;

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

/** Prefixes a parser's `where` ("data point 12", "[3]", "file") with the entry it came from. */
export function atEntry(event: ParseEvent, entryName: string): ParseEvent {
  if (event.kind === "rejected") {
    const where = event.rejection.where === "file" ? entryName : `${entryName}: ${event.rejection.where}`;
    return { kind: "rejected", rejection: { ...event.rejection, where } };
  }
  if (event.kind === "partial") return { kind: "partial", reason: `${entryName}: ${event.reason}` };
  return event;
}

/** The entry's bytes, or a rejection when it is larger than `maxBytes` (nothing is inflated then). */
export async function readEntry(entry: ZipEntryStream, maxBytes: number): Promise<Buffer | ParseEvent> {
  if (entry.uncompressedBytes > maxBytes) {
    entry.stream.destroy();
    const reason = `The file is ${entry.uncompressedBytes} bytes, more than the ${maxBytes / 1024 / 1024} MiB accepted per file; it was not imported.`;
    return rejected(entry.entryName, reason, "file");
  }
  const chunks: Buffer[] = [];
  const stream: AsyncIterable<unknown> = entry.stream;
  for await (const chunk of stream) {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A ParseError about an entry's content (not the archive's): that entry is skipped, the rest still imports. */
function isEntryContentError(error: unknown): error is ParseError {
  return error instanceof ParseError && !error.code.startsWith("ZIP_");
}

/** The events of one entry with `where` labelled; a content ParseError becomes one rejection for the entry. */
export async function* guardedEntryEvents(
  entryName: string,
  events: () => AsyncIterable<ParseEvent> | Iterable<ParseEvent>,
): AsyncGenerator<ParseEvent> {
  try {
    for await (const event of events()) yield atEntry(event, entryName);
  } catch (error) {
    if (!isEntryContentError(error)) throw error;
    yield rejected(entryName, `The file was not imported: ${error.message}`, "file");
  }
}
