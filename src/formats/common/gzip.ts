// gzip, as Strava's bulk export and people's own uploads use it (`.fit.gz`, `.tcx.gz`, `.gpx.gz`, `.json.gz`).
// Compression is transparent: a gzipped file is the format of what it holds. The same limits as zips apply
// (total inflated size, and an inflation ratio no real export reaches), checked while inflating, because a gzip's
// own size trailer is modulo 4 GiB and cannot be trusted.

import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGunzip, gunzipSync } from "node:zlib";
import { ParseError } from "../contract.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip.js";

// RFC 1952 §2.3.1: ID1 ID2 and CM = 8 (deflate), the only method in use.
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

export function isGzipHead(head: Uint8Array): boolean {
  return head.length >= 3 && Buffer.from(head.buffer, head.byteOffset, 3).equals(GZIP_MAGIC);
}

/** "x.fit.gz" → "x.fit"; other names unchanged. */
export function stripGzipSuffix(name: string): string {
  return name.replace(/\.gz$/i, "");
}

function ratioError(what: string, inBytes: number, outBytes: number, limits: ZipLimits): ParseError {
  return new ParseError(
    "GZIP_TOO_LARGE",
    `${what} inflates ${inBytes} → more than ${outBytes} bytes (limit ${limits.maxEntryRatio}x): looks like a compression bomb.`,
  );
}

function sizeError(what: string, limits: ZipLimits): ParseError {
  return new ParseError("GZIP_TOO_LARGE", `${what} would inflate to more than ${limits.maxTotalUncompressedBytes} bytes.`);
}

/** Fails once the output passes the size cap, or passes the ratio cap against the input read so far. */
function checkOutput(what: string, inBytes: number, outBytes: number, limits: ZipLimits): ParseError | null {
  if (outBytes > limits.maxTotalUncompressedBytes) return sizeError(what, limits);
  if (outBytes > limits.ratioCheckMinBytes && outBytes > inBytes * limits.maxEntryRatio) return ratioError(what, inBytes, outBytes, limits);
  return null;
}

/**
 * The first inflated bytes of a gzip head (possibly cut short), at most `maxBytes`; null when nothing can be
 * inflated. Only what a sniff needs is produced: inflation stops at `maxBytes`.
 */
export function gunzipHead(head: Buffer, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let length = 0;
    const done = (): void => {
      gunzip.removeAllListeners("data");
      gunzip.destroy();
      resolve(length === 0 ? null : Buffer.concat(chunks).subarray(0, maxBytes));
    };
    gunzip.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) done();
    });
    gunzip.on("error", done);
    gunzip.on("end", done);
    gunzip.end(head);
  });
}

/** A whole gzip held in memory (a zip entry), inflated under the same caps; `what` names it in errors. */
export function gunzipBuffer(buf: Buffer, maxBytes: number, what: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Buffer {
  const cap = Math.min(maxBytes, Math.max(limits.ratioCheckMinBytes, buf.length * limits.maxEntryRatio));
  try {
    return gunzipSync(buf, { maxOutputLength: cap });
  } catch (err) {
    if (err instanceof RangeError) {
      throw cap < maxBytes ? ratioError(what, buf.length, cap, limits) : new ParseError("GZIP_TOO_LARGE", `${what} inflates past ${maxBytes} bytes.`);
    }
    const reason = err instanceof Error ? err.message : "unreadable";
    throw new ParseError("GZIP_INVALID", `${what} is not a readable gzip file (${reason}).`);
  }
}

function capped(what: string, limits: ZipLimits, inBytes: () => number): Transform {
  let outBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      outBytes += chunk.length;
      callback(checkOutput(what, inBytes(), outBytes, limits), chunk);
    },
  });
}

/**
 * Inflates the gzip FILE at `gzPath` into a private temporary directory and runs `use` on the plain file; the
 * directory is removed afterwards, whatever happens. A damaged gzip fails with GZIP_INVALID before `use` runs.
 */
export async function* withGunzippedFile<T>(
  gzPath: string,
  use: (plainPath: string) => AsyncIterable<T>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "wearsync-gunzip-"));
  try {
    const plainPath = path.join(dir, "plain");
    let inBytes = 0;
    const input = createReadStream(gzPath);
    input.on("data", (chunk) => {
      inBytes += chunk.length;
    });
    try {
      await pipeline(
        input,
        createGunzip(),
        capped("The gzip file", limits, () => inBytes),
        createWriteStream(plainPath),
      );
    } catch (err) {
      if (err instanceof ParseError) throw err;
      if (err instanceof Error && "syscall" in err) throw err;
      const reason = err instanceof Error ? err.message : "unreadable";
      throw new ParseError("GZIP_INVALID", `The gzip file is damaged or incomplete (${reason}).`);
    }
    yield* use(plainPath);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
