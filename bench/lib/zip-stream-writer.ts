import { createWriteStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

// A minimal zip writer for one big streamed entry plus small ones: local header written with placeholders,
// data deflated straight to disk, then the header patched in place. No zip64, so each entry and the archive
// must stay under 4 GiB; no data descriptors, so any reader (yauzl, unzip) accepts it.

const LOCAL_HEADER_SIG = 0x04034b50;
const CENTRAL_HEADER_SIG = 0x02014b50;
const END_OF_CENTRAL_DIR_SIG = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
const ZIP32_MAX = 0xffffffff;

export interface EntryRecord {
  name: Buffer;
  crc: number;
  compressedBytes: number;
  uncompressedBytes: number;
  headerOffset: number;
  dosTime: number;
  dosDate: number;
}

function dosDateTime(at: Date): { dosTime: number; dosDate: number } {
  return {
    dosTime: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    dosDate: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function localHeader(e: EntryRecord): Buffer {
  const buf = Buffer.alloc(30 + e.name.length);
  buf.writeUInt32LE(LOCAL_HEADER_SIG, 0);
  buf.writeUInt16LE(VERSION, 4);
  buf.writeUInt16LE(UTF8_NAMES, 6);
  buf.writeUInt16LE(DEFLATE, 8);
  buf.writeUInt16LE(e.dosTime, 10);
  buf.writeUInt16LE(e.dosDate, 12);
  buf.writeUInt32LE(e.crc, 14);
  buf.writeUInt32LE(e.compressedBytes, 18);
  buf.writeUInt32LE(e.uncompressedBytes, 22);
  buf.writeUInt16LE(e.name.length, 26);
  buf.writeUInt16LE(0, 28);
  e.name.copy(buf, 30);
  return buf;
}

function centralHeader(e: EntryRecord): Buffer {
  const buf = Buffer.alloc(46 + e.name.length);
  buf.writeUInt32LE(CENTRAL_HEADER_SIG, 0);
  buf.writeUInt16LE(VERSION, 4);
  buf.writeUInt16LE(VERSION, 6);
  buf.writeUInt16LE(UTF8_NAMES, 8);
  buf.writeUInt16LE(DEFLATE, 10);
  buf.writeUInt16LE(e.dosTime, 12);
  buf.writeUInt16LE(e.dosDate, 14);
  buf.writeUInt32LE(e.crc, 16);
  buf.writeUInt32LE(e.compressedBytes, 20);
  buf.writeUInt32LE(e.uncompressedBytes, 24);
  buf.writeUInt16LE(e.name.length, 28);
  // extra length, comment length, disk number, internal attributes, external attributes: all 0.
  buf.writeUInt32LE(e.headerOffset, 42);
  e.name.copy(buf, 46);
  return buf;
}

function checkZip32(what: string, bytes: number): void {
  if (bytes > ZIP32_MAX) throw new Error(`${what} is ${bytes} bytes: past 4 GiB needs zip64, which this writer does not do (use --xml)`);
}

/** Computes the CRC-32 and size of what passes through, unchanged. */
class Crc32Meter extends Transform {
  crc = 0;
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

export class ZipStreamWriter {
  private readonly entries: EntryRecord[] = [];
  private offset = 0;

  private constructor(
    private readonly path: string,
    private readonly file: FileHandle,
  ) {}

  static async create(path: string): Promise<ZipStreamWriter> {
    return new ZipStreamWriter(path, await open(path, "w"));
  }

  /** A small entry, compressed in memory. */
  async addBuffer(name: string, data: Buffer, modified: Date): Promise<void> {
    const body = deflateRawSync(data);
    const entry: EntryRecord = {
      name: Buffer.from(name, "utf8"),
      crc: crc32(data),
      compressedBytes: body.length,
      uncompressedBytes: data.length,
      headerOffset: this.offset,
      ...dosDateTime(modified),
    };
    const head = localHeader(entry);
    await this.file.write(head, 0, head.length, this.offset);
    await this.file.write(body, 0, body.length, this.offset + head.length);
    this.offset += head.length + body.length;
    this.entries.push(entry);
  }

  /** A large entry deflated from `source` straight to disk; memory stays at the stream buffers. */
  async addStream(
    name: string,
    source: Iterable<Buffer> | AsyncIterable<Buffer>,
    modified: Date,
    level = constants.Z_DEFAULT_COMPRESSION,
  ): Promise<EntryRecord> {
    const entry: EntryRecord = {
      name: Buffer.from(name, "utf8"),
      crc: 0,
      compressedBytes: 0,
      uncompressedBytes: 0,
      headerOffset: this.offset,
      ...dosDateTime(modified),
    };
    const placeholder = localHeader(entry);
    await this.file.write(placeholder, 0, placeholder.length, this.offset);
    const dataStart = this.offset + placeholder.length;
    const meter = new Crc32Meter();
    const sink = createWriteStream(this.path, { flags: "r+", start: dataStart });
    await pipeline(source, meter, createDeflateRaw({ level }), sink);
    entry.crc = meter.crc >>> 0;
    entry.uncompressedBytes = meter.bytes;
    entry.compressedBytes = sink.bytesWritten;
    checkZip32(`entry ${name}`, entry.uncompressedBytes);
    const head = localHeader(entry);
    await this.file.write(head, 0, head.length, entry.headerOffset);
    this.offset = dataStart + entry.compressedBytes;
    this.entries.push(entry);
    return entry;
  }

  /** Writes the central directory; returns the archive size in bytes. */
  async close(): Promise<number> {
    const directory = Buffer.concat(this.entries.map(centralHeader));
    checkZip32("the archive", this.offset + directory.length);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIR_SIG, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    const tail = Buffer.concat([directory, end]);
    await this.file.write(tail, 0, tail.length, this.offset);
    await this.file.close();
    return this.offset + tail.length;
  }
}
