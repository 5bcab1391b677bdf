import type { TransformCallback } from "node:stream";
import { Transform } from "node:stream";

const SPACE_BYTE = 0x20;

// XML 1.0 allows only TAB (0x09), LF (0x0A) and CR (0x0D) below 0x20. Real Apple exports contain \x0B in
// attribute values, which strict parsers reject. Bytes < 0x80 never occur inside a multi-byte UTF-8
// sequence, so a byte-for-byte replacement is safe at any chunk boundary and keeps offsets unchanged.
function isIllegalControlByte(byte: number): boolean {
  return byte < SPACE_BYTE && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d;
}

/** Returns the chunk with every XML-illegal C0 control byte replaced by a space; copies only when needed. */
export function sanitizeXmlBytes(chunk: Buffer): Buffer {
  let out: Buffer | null = null;
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i] ?? SPACE_BYTE;
    if (byte < SPACE_BYTE && isIllegalControlByte(byte)) {
      out ??= Buffer.from(chunk);
      out[i] = SPACE_BYTE;
    }
  }
  return out ?? chunk;
}

/** A bytes-in, bytes-out Transform applying sanitizeXmlBytes; stateless, so chunk boundaries do not matter. */
export function createXmlSanitizer(): Transform {
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      callback(null, sanitizeXmlBytes(bytes));
    },
  });
}
