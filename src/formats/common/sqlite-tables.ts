// The table names of a SQLite database file, read from its schema table (sqlite_master, the b-tree rooted at page
// 1) by reading those pages only, the way a zip's entry names are read from its central directory: detection must
// not open the upload with SQLite, which can create journal files beside it. File format: sqlite.org/fileformat2.html
// (§1.3 the header, §1.6 b-tree pages, §2.1 the record format, §1.5 the local part of an overflowing cell).

import { open } from "node:fs/promises";

const MAGIC = Buffer.from("SQLite format 3\u0000", "latin1");
const HEADER_BYTES = 100;
const LEAF_TABLE = 13;
const INTERIOR_TABLE = 5;
// sqlite_master is a few pages even for a schema of hundreds of tables; a bound keeps a forged file from looping.
const MAX_SCHEMA_PAGES = 1_000;

export function isSqliteHead(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

/** A big-endian base-128 varint at `at` (at most 9 bytes, the ninth whole): [value, bytes read]. */
function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i += 1) {
    const byte = buf[at + i];
    if (byte === undefined) throw new RangeError("varint past the page");
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value * 256 + (buf[at + 8] ?? 0), 9];
}

/** Bytes a record column of this serial type takes. */
function serialSize(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0;
}

function decoderFor(encoding: number): (bytes: Buffer) => string {
  if (encoding === 2) return (bytes) => bytes.toString("utf16le");
  if (encoding === 3) return (bytes) => Buffer.from(bytes).swap16().toString("utf16le");
  return (bytes) => bytes.toString("utf8");
}

/** [type, name] of a sqlite_master row from the local part of its payload; null when they do not fit in it. */
function typeAndName(payload: Buffer, decode: (bytes: Buffer) => string): [string, string] | null {
  const [headerBytes, first] = varint(payload, 0);
  const [typeSerial, second] = varint(payload, first);
  const [nameSerial] = varint(payload, first + second);
  const typeEnd = headerBytes + serialSize(typeSerial);
  const nameEnd = typeEnd + serialSize(nameSerial);
  if (typeSerial < 13 || nameSerial < 13 || nameEnd > payload.length) return null;
  return [decode(payload.subarray(headerBytes, typeEnd)), decode(payload.subarray(typeEnd, nameEnd))];
}

/** How much of a `total`-byte payload a table leaf cell holds in its page (the rest overflows). */
function localBytes(total: number, usable: number): number {
  const maxLocal = usable - 35;
  if (total <= maxLocal) return total;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = minLocal + ((total - minLocal) % (usable - 4));
  return k <= maxLocal ? k : minLocal;
}

/** The names of the tables of a SQLite file, or null when it is not one this reader can walk. */
export async function sqliteTableNames(path: string): Promise<string[] | null> {
  const file = await open(path, "r");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES || !isSqliteHead(header)) return null;
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null;
    const usable = pageSize - (header[20] ?? 0);
    const decode = decoderFor(header.readUInt32BE(56));
    const names: string[] = [];
    const pending = [1];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const pageNo = pending.pop() ?? 0;
      if (pageNo < 1 || seen.has(pageNo) || seen.size >= MAX_SCHEMA_PAGES) return null;
      seen.add(pageNo);
      const page = Buffer.alloc(pageSize);
      const read = await file.read(page, 0, pageSize, (pageNo - 1) * pageSize);
      if (read.bytesRead < pageSize) return null;
      const at = pageNo === 1 ? HEADER_BYTES : 0;
      const kind = page[at];
      const cells = page.readUInt16BE(at + 3);
      const pointers = at + (kind === INTERIOR_TABLE ? 12 : 8);
      if (kind === INTERIOR_TABLE) pending.push(page.readUInt32BE(at + 8));
      else if (kind !== LEAF_TABLE) return null;
      for (let i = 0; i < cells; i += 1) {
        const cell = page.readUInt16BE(pointers + 2 * i);
        if (kind === INTERIOR_TABLE) {
          pending.push(page.readUInt32BE(cell));
          continue;
        }
        const [total, lengthBytes] = varint(page, cell);
        const [, rowidBytes] = varint(page, cell + lengthBytes);
        const start = cell + lengthBytes + rowidBytes;
        const row = typeAndName(page.subarray(start, start + localBytes(total, usable)), decode);
        if (row?.[0] === "table") names.push(row[1]);
      }
    }
    return names;
  } catch (err) {
    // A page that does not parse is no database this reader can name tables of.
    if (err instanceof RangeError) return null;
    throw err;
  } finally {
    await file.close();
  }
}
