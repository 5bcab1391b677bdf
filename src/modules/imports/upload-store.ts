import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DETECT_HEAD_BYTES } from "../../formats/index.js";
import { BadRequestError, PayloadTooLargeError } from "../../lib/errors.js";

export interface StoredUpload {
  tempPath: string;
  sha256: string;
  bytes: number;
  head: Buffer;
}

/**
 * Streams an upload to a temporary file while hashing and counting it; never holds the file in memory.
 * Past `maxBytes` it stops, deletes the partial file and throws 413.
 */
export async function streamToTempFile(body: Readable, uploadDir: string, maxBytes: number): Promise<StoredUpload> {
  const tmpDir = path.join(uploadDir, "tmp");
  await mkdir(tmpDir, { recursive: true });
  const tempPath = path.join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return callback(new PayloadTooLargeError(maxBytes));
      hash.update(chunk);
      if (headLength < DETECT_HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, DETECT_HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, DETECT_HEAD_BYTES - headLength);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tempPath, { flags: "wx" }));
  } catch (err) {
    await rm(tempPath, { force: true });
    if (err instanceof PayloadTooLargeError) throw err;
    throw new BadRequestError("The upload was interrupted before it completed.", "UPLOAD_INCOMPLETE");
  }
  return { tempPath, sha256: hash.digest("hex"), bytes, head: Buffer.concat(headChunks) };
}

/** Content-addressed final location: the same bytes from the same user always land on the same key. */
export function storageKeyFor(userId: string, sha256: string): string {
  return path.posix.join(userId, `${sha256}.upload`);
}

export async function moveIntoStore(uploadDir: string, tempPath: string, storageKey: string): Promise<void> {
  const finalPath = pathForKey(uploadDir, storageKey);
  await mkdir(path.dirname(finalPath), { recursive: true });
  await rename(tempPath, finalPath);
}

export function pathForKey(uploadDir: string, storageKey: string): string {
  const resolved = path.resolve(uploadDir, storageKey);
  if (!resolved.startsWith(path.resolve(uploadDir) + path.sep)) throw new Error("storage key escapes the upload dir");
  return resolved;
}

export async function discard(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true });
}

/** Removes every stored upload of the user (their folder under the upload dir); returns how many files there were. */
export async function removeUploadsOf(uploadDir: string, userId: string): Promise<number> {
  const folder = pathForKey(uploadDir, userId);
  const files = await readdir(folder).catch(() => [] as string[]);
  await rm(folder, { recursive: true, force: true });
  return files.length;
}
