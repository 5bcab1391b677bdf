// Streaming JSON for uploaded files (@streamparser/json, MIT, no dependencies). A file is fed chunk by chunk; the
// parser hands over the values asked for by path, and with `keepStack: false` forgets them, so memory is bounded by
// a chunk plus the largest value handed over, whatever the file's size.

import { JSONParser, type ParsedElementInfo } from "@streamparser/json";
import { ParseError } from "../contract.js";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function syntaxError(error: unknown, what: string): ParseError {
  if (error instanceof ParseError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ParseError("JSON_INVALID", `${what} is not valid JSON: ${detail}`);
}

/**
 * Feeds `chunks` to a parser asking for `paths`; `onValue` turns each value handed over into items it appends to
 * `pending`, which are yielded after every chunk. A byte-order mark is skipped; an empty file is EMPTY_FILE, and
 * invalid JSON, text after the document or a document cut short are JSON_INVALID.
 */
export async function* streamJsonValues<T>(
  chunks: AsyncIterable<Uint8Array>,
  paths: string[],
  onValue: (info: ParsedElementInfo, pending: T[]) => void,
  what: string,
): AsyncGenerator<T> {
  const pending: T[] = [];
  const parser = new JSONParser({ paths, keepStack: false });
  parser.onValue = (info) => onValue(info, pending);
  let bytes = 0;
  for await (const raw of chunks) {
    const chunk = bytes === 0 && UTF8_BOM.every((byte, i) => raw[i] === byte) ? raw.subarray(UTF8_BOM.length) : raw;
    bytes += raw.length;
    try {
      parser.write(chunk);
    } catch (error) {
      throw syntaxError(error, what);
    } finally {
      yield* pending;
      pending.length = 0;
    }
  }
  if (bytes === 0) throw new ParseError("EMPTY_FILE", `${what} is empty.`);
  try {
    // The parser ends by itself after the top-level value; end() says a cut-off file is one.
    if (!parser.isEnded) parser.end();
  } catch (error) {
    throw syntaxError(error, what);
  }
}

/** Forgets a value the parser has handed over: `parent` is the parser's live container of it. */
export function dropHandedOver(parent: ParsedElementInfo["parent"], key: ParsedElementInfo["key"]): void {
  if (Array.isArray(parent)) parent.length = 0;
  else if (parent && key !== undefined) delete (parent as Record<string, unknown>)[String(key)];
}

/** The elements of a top-level JSON array, one at a time; a document that is not an array is JSON_INVALID. */
export function jsonArrayItems(chunks: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<unknown> {
  return streamJsonValues<unknown>(
    chunks,
    ["$.*"],
    ({ value, key, parent }, pending) => {
      if (!Array.isArray(parent)) throw new ParseError("JSON_INVALID", `${what} is not a JSON array.`);
      dropHandedOver(parent, key);
      pending.push(value);
    },
    what,
  );
}
