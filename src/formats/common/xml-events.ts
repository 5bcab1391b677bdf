// Streaming XML for TCX/GPX: saxes behind the C0 sanitizer, elements matched by local name (prefixes vary
// between exporters and are sometimes undeclared). Same policy as the Apple Health reader: the DTD is
// never resolved, so any entity beyond the five XML built-ins fails closed with XML_ENTITY_FORBIDDEN.
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { ParseError } from "../contract.js";
import { sanitizeXmlBytes } from "./xml-sanitizer.js";

export interface XmlLimits {
  maxDepth: number;
  /** Longest attribute value or element text accepted, in characters. */
  maxValueChars: number;
  /** saxes buffers a text run until the next "<"; this caps that buffer across chunks. */
  maxBytesWithoutTag: number;
}

export const XML_LIMITS: XmlLimits = {
  // TCX nests ~9 levels and GPX ~7; 64 leaves room and stops deep-nesting abuse early.
  maxDepth: 64,
  // Real values are timestamps and numbers; 64 KiB bounds what saxes buffers between tags.
  maxValueChars: 64 * 1024,
  maxBytesWithoutTag: 1024 * 1024,
};

const LESS_THAN_BYTE = 0x3c;

/** Buffers are fed to the parser in slices so that events are yielded while reading. */
const CHUNK_BYTES = 64 * 1024;

export interface XmlVisitor {
  /** `path` holds the local names of the open elements, the new one last. */
  open(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void;
  /** `text` is the trimmed text directly inside the element; `path` still ends with the element. */
  close(name: string, text: string, path: readonly string[]): void;
}

export type XmlInput = Uint8Array | AsyncIterable<Uint8Array | string>;

/** How the document ended: complete, or cut off inside the root element (line of the cut). */
export type XmlEnd = { truncated: false } | { truncated: true; line: number };

export function localName(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(":");
  return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
}

async function* byteChunks(input: XmlInput): AsyncGenerator<Buffer> {
  if (input instanceof Uint8Array) {
    for (let offset = 0; offset < input.length; offset += CHUNK_BYTES) {
      yield Buffer.from(input.subarray(offset, offset + CHUNK_BYTES));
    }
    return;
  }
  for await (const chunk of input) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
}

function tooLong(what: string, length: number, line: number, limits: XmlLimits): ParseError {
  return new ParseError("XML_ATTRIBUTE_TOO_LONG", `${what} at line ${line} is ${length} characters long (limit ${limits.maxValueChars}).`);
}

function toParseError(message: string, line: number): ParseError {
  const detail = message.replace(/^\d+:\d+: /, "");
  if (detail.startsWith("undefined entity")) {
    return new ParseError(
      "XML_ENTITY_FORBIDDEN",
      `Entity reference at line ${line}: custom XML entities are not allowed (entity expansion / external entity attack).`,
    );
  }
  return new ParseError("MALFORMED_XML", `The file is not well-formed XML at line ${line}: ${detail}`);
}

function createParser(visitor: XmlVisitor, limits: XmlLimits) {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  const texts: string[] = [];
  const state = { rootOpened: false, rootClosed: false };
  parser.on("error", (error) => {
    throw toParseError(error.message, parser.line);
  });
  parser.on("doctype", (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new ParseError("XML_ENTITY_FORBIDDEN", "The document type declares XML entities (<!ENTITY>); they are not expanded for safety.");
    }
  });
  parser.on("opentag", (tag) => {
    if (path.length >= limits.maxDepth) {
      throw new ParseError("XML_TOO_DEEP", `Elements are nested more than ${limits.maxDepth} levels deep at line ${parser.line}.`);
    }
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (value.length > limits.maxValueChars) throw tooLong(`Attribute "${name.slice(0, 64)}"`, value.length, parser.line, limits);
      attributes[localName(name)] = value;
    }
    state.rootOpened = true;
    path.push(localName(tag.name));
    // Only leaf text matters in TCX/GPX; dropping a parent's whitespace keeps memory flat on long tracks.
    if (texts.length > 0) texts[texts.length - 1] = "";
    texts.push("");
    visitor.open(localName(tag.name), attributes, path);
  });
  const onText = (text: string) => {
    const current = (texts.pop() ?? "") + text;
    if (current.length > limits.maxValueChars) throw tooLong("Element text", current.length, parser.line, limits);
    texts.push(current);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    visitor.close(localName(tag.name), (texts.pop() ?? "").trim(), path);
    path.pop();
    if (path.length === 0) state.rootClosed = true;
  });
  return { parser, state };
}

function guardTextRun(chunk: Buffer, bytesSinceTag: number, line: number, limits: XmlLimits): number {
  const first = chunk.indexOf(LESS_THAN_BYTE);
  const runBytes = first === -1 ? bytesSinceTag + chunk.length : bytesSinceTag + first;
  if (runBytes > limits.maxBytesWithoutTag) {
    throw new ParseError(
      "XML_ATTRIBUTE_TOO_LONG",
      `More than ${limits.maxBytesWithoutTag} bytes without a tag near line ${line}: a value or text is too long.`,
    );
  }
  return first === -1 ? runBytes : chunk.length - 1 - chunk.lastIndexOf(LESS_THAN_BYTE);
}

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/**
 * The bytes after any whitespace (and byte order mark) the document starts with. Strava's TCX export begins with ten
 * spaces before its XML declaration, which XML forbids (the declaration must come first); nothing is lost by
 * reading from the declaration on.
 */
function withoutLeadingWhitespace(chunk: Buffer): Buffer {
  let i = 0;
  while (i < chunk.length) {
    const byte = chunk[i];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) i++;
    else if (i + 2 < chunk.length && BYTE_ORDER_MARK.every((b, k) => chunk[i + k] === b)) i += 3;
    else break;
  }
  return chunk.subarray(i);
}

/**
 * Feeds `input` through the sanitizer into saxes, calling `visitor` per element and yielding after each
 * chunk so callers can hand out the events they built. Throws ParseError on unsafe or malformed XML.
 */
export async function* walkXml(input: XmlInput, visitor: XmlVisitor, limits: XmlLimits = XML_LIMITS): AsyncGenerator<void, XmlEnd> {
  const { parser, state } = createParser(visitor, limits);
  const decoder = new StringDecoder("utf8");
  let sawBytes = false;
  let bytesSinceTag = 0;
  let atStart = true;
  for await (const raw of byteChunks(input)) {
    sawBytes ||= raw.length > 0;
    const chunk: Buffer = atStart ? withoutLeadingWhitespace(raw) : raw;
    atStart &&= chunk.length === 0;
    bytesSinceTag = guardTextRun(chunk, bytesSinceTag, parser.line, limits);
    parser.write(decoder.write(sanitizeXmlBytes(chunk)));
    yield;
  }
  if (!sawBytes) throw new ParseError("EMPTY_FILE", "The file is empty.");
  parser.write(decoder.end());
  const line = parser.line;
  try {
    parser.close();
  } catch (error) {
    if (error instanceof ParseError && state.rootOpened && !state.rootClosed) return { truncated: true, line };
    throw error;
  }
  if (!state.rootOpened) throw new ParseError("MALFORMED_XML", "The file contains no XML element.");
  return { truncated: false };
}

const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an xsd:dateTime. `utcOffsetMin` is the explicit numeric offset, or null for "Z" or no zone
 * (a time without a zone is read as UTC: TCX/GPX writers that omit it write UTC).
 */
export function parseXsdDateTime(text: string): { ms: number; utcOffsetMin: number | null } | null {
  const match = XSD_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const wallMs =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) + Math.round(Number(fraction ?? "0") * 1000);
  if (!zone || zone === "Z") return Number.isFinite(wallMs) ? { ms: wallMs, utcOffsetMin: null } : null;
  const sign = zone.startsWith("-") ? -1 : 1;
  const utcOffsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = wallMs - utcOffsetMin * 60_000;
  return Number.isFinite(ms) ? { ms, utcOffsetMin } : null;
}
