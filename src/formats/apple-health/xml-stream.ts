import { StringDecoder } from "node:string_decoder";
import type { SaxesTagPlain } from "saxes";
import { SaxesParser } from "saxes";
import { ParseError } from "../contract.js";

export interface XmlElementHandlers {
  onOpen(tag: SaxesTagPlain, line: number): void;
  onClose(tag: SaxesTagPlain): void;
}

export interface XmlLimits {
  maxDepth: number;
  maxAttributeChars: number;
  maxBytesWithoutTag: number;
  maxPrologBytes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  // Apple nests at most ~5 levels; 64 leaves room and stops stack/memory abuse early.
  maxDepth: 64,
  // Real attribute values are < 1 KiB (device descriptions are the longest).
  maxAttributeChars: 64 * 1024,
  // saxes buffers an attribute or text run until the next tag; this caps that buffer across chunks.
  maxBytesWithoutTag: 1024 * 1024,
  // Apple's DTD is ~20 KiB; saxes buffers the whole DOCTYPE in memory.
  maxPrologBytes: 4 * 1024 * 1024,
};

const LESS_THAN_BYTE = 0x3c;

/** How a finished document ended: complete, or cut off after the root element had opened. */
export type XmlEnd = { truncated: false } | { truncated: true; line: number };

/**
 * saxes behind byte-level guards. Never resolves the DTD: any entity other than the five XML built-ins
 * (and any <!ENTITY> declaration) is an XML_ENTITY_FORBIDDEN error, so expansion attacks and XXE fail closed.
 */
export class GuardedXmlParser {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly decoder = new StringDecoder("utf8");
  private depth = 0;
  private rootOpened = false;
  private rootClosed = false;
  private bytesSinceTag = 0;
  private prologBytes = 0;
  bytesRead = 0;

  constructor(
    private readonly handlers: XmlElementHandlers,
    private readonly limits: XmlLimits = DEFAULT_XML_LIMITS,
  ) {
    this.parser.on("error", (err) => {
      throw this.toParseError(err.message);
    });
    this.parser.on("doctype", (doctype) => this.checkDoctype(doctype));
    this.parser.on("opentagstart", () => this.enter());
    this.parser.on("attribute", (attr) => this.checkAttribute(attr.name, attr.value));
    this.parser.on("opentag", (tag) => {
      this.rootOpened = true;
      this.handlers.onOpen(tag, this.parser.line);
    });
    this.parser.on("closetag", (tag) => this.leave(tag));
  }

  /** Feeds sanitized bytes; throws ParseError on the first problem. */
  write(bytes: Buffer): void {
    this.bytesRead += bytes.length;
    this.checkByteGuards(bytes);
    this.parser.write(this.decoder.write(bytes));
  }

  /** Ends the document. A document cut off inside the root element reports truncated instead of throwing. */
  end(): XmlEnd {
    const tail = this.decoder.end();
    if (tail !== "") this.parser.write(tail);
    const line = this.parser.line;
    try {
      this.parser.close();
    } catch (err) {
      if (err instanceof ParseError && this.rootOpened && !this.rootClosed) return { truncated: true, line };
      throw err;
    }
    return { truncated: false };
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > this.limits.maxDepth) {
      throw new ParseError(
        "XML_TOO_DEEP",
        `Elements are nested more than ${this.limits.maxDepth} levels deep at line ${this.parser.line}; this is not a health export.`,
      );
    }
  }

  private leave(tag: SaxesTagPlain): void {
    this.depth -= 1;
    if (this.depth === 0) this.rootClosed = true;
    this.handlers.onClose(tag);
  }

  private checkAttribute(name: string, value: string): void {
    if (value.length <= this.limits.maxAttributeChars) return;
    throw new ParseError(
      "XML_ATTRIBUTE_TOO_LONG",
      `Attribute "${name.slice(0, 64)}" at line ${this.parser.line} is ${value.length} characters long (limit ${this.limits.maxAttributeChars}).`,
    );
  }

  private checkDoctype(doctype: string): void {
    if (!/<!ENTITY/i.test(doctype)) return;
    throw new ParseError(
      "XML_ENTITY_FORBIDDEN",
      "The document type declares XML entities (<!ENTITY>); health exports never do, and entities are not expanded for safety.",
    );
  }

  private checkByteGuards(bytes: Buffer): void {
    if (!this.rootOpened) {
      this.prologBytes += bytes.length;
      if (this.prologBytes > this.limits.maxPrologBytes) {
        throw new ParseError("MALFORMED_XML", `No root element in the first ${this.limits.maxPrologBytes} bytes.`);
      }
    }
    const first = bytes.indexOf(LESS_THAN_BYTE);
    const runBytes = first === -1 ? this.bytesSinceTag + bytes.length : this.bytesSinceTag + first;
    if (runBytes > this.limits.maxBytesWithoutTag) {
      throw new ParseError(
        "XML_ATTRIBUTE_TOO_LONG",
        `More than ${this.limits.maxBytesWithoutTag} bytes without a tag near line ${this.parser.line}: an attribute value or text is too long.`,
      );
    }
    this.bytesSinceTag = first === -1 ? runBytes : bytes.length - 1 - bytes.lastIndexOf(LESS_THAN_BYTE);
  }

  private toParseError(saxesMessage: string): ParseError {
    const where = `line ${this.parser.line}, column ${this.parser.column}`;
    const detail = saxesMessage.replace(/^\d+:\d+: /, "");
    if (detail.startsWith("undefined entity")) {
      return new ParseError(
        "XML_ENTITY_FORBIDDEN",
        `Entity reference at ${where}: custom XML entities are not allowed (entity expansion / external entity attack).`,
      );
    }
    return new ParseError("MALFORMED_XML", `The file is not well-formed XML at ${where}: ${detail}`);
  }
}
