import { readFile, stat } from "node:fs/promises";
import { PassThrough, type Readable } from "node:stream";
import { ParseError } from "../contract.js";

/** The stream, reporting the bytes read so far to `onBytes` (an import's progress). */
export function countBytes(input: Readable, onBytes: (bytes: number) => void): Readable {
  let bytes = 0;
  const tap = new PassThrough();
  tap.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  input.on("error", (err) => tap.destroy(err));
  return input.pipe(tap);
}

/** Whole-file formats are small by nature; read them into memory only below their own cap. */
export async function readCapped(path: string, maxBytes: number, what: string): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > maxBytes) throw new ParseError("FILE_TOO_LARGE", `${what} files larger than ${maxBytes} bytes are not accepted (this one is ${size}).`);
  return readFile(path);
}
