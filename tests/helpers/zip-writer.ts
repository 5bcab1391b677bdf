import { deflateRawSync } from "node:zlib";

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** "deflate" (default) or "store". */
  method?: "deflate" | "store";
  /** Lie about the uncompressed size in both headers (to build hostile archives). */
  declaredSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// General-purpose flag bit 11: file name is UTF-8 (needed for "导出.xml").
const UTF8_FLAG = 0x0800;

function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const size = 4 + fields.reduce((sum, [, bytes]) => sum + bytes, 0);
  const buf = Buffer.alloc(size);
  buf.writeUInt32LE(signature, 0);
  let offset = 4;
  for (const [value, bytes] of fields) {
    if (bytes === 2) buf.writeUInt16LE(value, offset);
    else buf.writeUInt32LE(value, offset);
    offset += bytes;
  }
  return buf;
}

/** A minimal, spec-conforming zip (no zip64, no data descriptors) built in memory for tests. */
export function buildZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, "utf8");
    const method = entry.method === "store" ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(data);
    const common: [number, 2 | 4][] = [
      [20, 2],
      [UTF8_FLAG, 2],
      [method, 2],
      [0, 2],
      [0x21, 2],
      [crc, 4],
      [body.length, 4],
      [entry.declaredSize ?? data.length, 4],
      [name.length, 2],
      [0, 2],
    ];
    const local = Buffer.concat([header(0x04034b50, common), name, body]);
    const central = header(0x02014b50, [[20, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]);
    locals.push(local);
    centrals.push(Buffer.concat([central, name]));
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = header(0x06054b50, [
    [0, 2],
    [0, 2],
    [entries.length, 2],
    [entries.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, directory, end]);
}
