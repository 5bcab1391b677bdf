import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createXmlSanitizer } from "../common/xml-sanitizer.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { HealthDataReader } from "./health-data-reader.js";
import { GuardedXmlParser } from "./xml-stream.js";

export interface AppleHealthParseOptions {
  /** The import's clock (epoch ms); samples after it (+ skew allowance) are rejected. */
  nowMs: number;
  /** Offset for timestamps that carry none; Apple's own timestamps always carry one. */
  defaultUtcOffsetMin?: number | null;
}

function* drain(pending: ParseEvent[]): Generator<ParseEvent> {
  // splice hands the batch over and empties the queue, so memory stays at one chunk's worth of events.
  yield* pending.splice(0, pending.length);
}

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), "utf8");
}

/**
 * Streams an Apple Health export.xml into ParseEvents. One chunk is parsed, its events are yielded, and only
 * then is the next chunk read, so memory stays flat however large the file is and a slow consumer
 * applies backpressure all the way to the file.
 */
export async function* parseAppleHealthXml(input: Readable, opts: AppleHealthParseOptions): AsyncGenerator<ParseEvent> {
  const reader = new HealthDataReader({ nowMs: opts.nowMs, defaultUtcOffsetMin: opts.defaultUtcOffsetMin ?? null });
  const xml = new GuardedXmlParser(reader);
  // Errors of `input` reach us through the sanitizer, which pipeline destroys with the same error.
  const sanitized = pipeline(input, createXmlSanitizer(), () => undefined);
  try {
    for await (const chunk of sanitized) {
      try {
        xml.write(toBuffer(chunk));
      } finally {
        yield* drain(reader.pending);
      }
    }
    if (xml.bytesRead === 0) throw new ParseError("EMPTY_FILE", "The export file is empty.");
    const ending = xml.end();
    reader.flushSkipped();
    yield* drain(reader.pending);
    // A cut-off file (interrupted upload or export) keeps every complete record before the cut: they were
    // valid when read. The explicit "partial" event lets the importer mark the upload as incomplete.
    if (ending.truncated) {
      yield {
        kind: "partial",
        reason: `The file ends abruptly at line ${ending.line}, inside <HealthData>; it looks truncated. Records before that line were read.`,
      };
    }
  } finally {
    sanitized.destroy();
  }
}
