import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { access, mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DETECT_HEAD_BYTES } from "../../formats/index.js";
import { AppError, BadRequestError, PayloadTooLargeError } from "../../lib/errors.js";

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
  const file = createWriteStream(tempPath, { flags: "wx" });
  try {
    // pipeline listens for errors on every stage (the request body, the meter, the file) and destroys them all.
    await pipeline(body, meter, file);
  } catch (err) {
    // The file may still be opening when an early failure (a client gone in the first packet) destroys it: removing
    // it before its descriptor closes would race the open and leave the .part file behind.
    if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
    await rm(tempPath, { force: true });
    if (err instanceof PayloadTooLargeError || err instanceof AppError) throw err;
    // A failing disk is the server's problem (500, logged), not the client's.
    if ((err as NodeJS.ErrnoException).path === tempPath) throw err;
    throw new BadRequestError("The upload was interrupted before it completed.", "UPLOAD_INCOMPLETE");
  }
  return { tempPath, sha256: hash.digest("hex"), bytes, head: Buffer.concat(headChunks) };
}

/** Content-addressed final location: the same bytes from the same user always land on the same key. */
export function storageKeyFor(userId: string, sha256: string): string {
  return path.posix.join(userId, `${sha256}.upload`);
}

/** Moves the temp file to its key; says whether the key held no file before (so a failed insert may remove it). */
export async function moveIntoStore(uploadDir: string, tempPath: string, storageKey: string): Promise<{ created: boolean }> {
  const finalPath = pathForKey(uploadDir, storageKey);
  await mkdir(path.dirname(finalPath), { recursive: true });
  const existed = await access(finalPath).then(
    () => true,
    () => false,
  );
  await rename(tempPath, finalPath);
  return { created: !existed };
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
