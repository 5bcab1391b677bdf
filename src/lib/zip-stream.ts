import { Readable } from "node:stream";
import { crc32, createDeflateRaw } from "node:zlib";

// A streaming zip writer (PKWARE APPNOTE 6.3: deflate, sizes and CRC in a data descriptor after each entry), so an
// archive of any number of rows is written with bounded memory. No zip64: each entry and the archive stay under 4 GiB.

export interface ZipEntrySource {
  name: string;
  /** The entry's bytes, produced lazily. */
  data: () => AsyncIterable<Buffer>;
}

const UTF8_AND_DESCRIPTOR = 0x0808;
const DEFLATE = 8;
const DOS_DATE_1980 = 0x21;

function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const buf = Buffer.alloc(4 + fields.reduce((sum, [, bytes]) => sum + bytes, 0));
  buf.writeUInt32LE(signature, 0);
  let offset = 4;
  for (const [value, bytes] of fields) {
    if (bytes === 2) buf.writeUInt16LE(value, offset);
    else buf.writeUInt32LE(value >>> 0, offset);
    offset += bytes;
  }
  return buf;
}

/** The archive's bytes, entry after entry, then the central directory. */
export async function* zipStream(entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.concat([
      header(0x04034b50, [
        [20, 2],
        [UTF8_AND_DESCRIPTOR, 2],
        [DEFLATE, 2],
        [0, 2],
        [DOS_DATE_1980, 2],
        [0, 4],
        [0, 4],
        [0, 4],
        [name.length, 2],
        [0, 2],
      ]),
      name,
    ]);
    yield local;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const source = entry.data();
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of source) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      })(),
    );
    for await (const out of counted.pipe(createDeflateRaw())) {
      compressed += (out as Buffer).length;
      yield out as Buffer;
    }
    yield header(0x08074b50, [
      [crc, 4],
      [compressed, 4],
      [size, 4],
    ]);
    central.push(
      Buffer.concat([
        header(0x02014b50, [
          [20, 2],
          [20, 2],
          [UTF8_AND_DESCRIPTOR, 2],
          [DEFLATE, 2],
          [0, 2],
          [DOS_DATE_1980, 2],
          [crc, 4],
          [compressed, 4],
          [size, 4],
          [name.length, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 4],
          [offset, 4],
        ]),
        name,
      ]),
    );
    offset += local.length + compressed + 16;
    count += 1;
  }
  const directory = Buffer.concat(central);
  yield directory;
  yield header(0x06054b50, [
    [0, 2],
    [0, 2],
    [count, 2],
    [count, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
}
