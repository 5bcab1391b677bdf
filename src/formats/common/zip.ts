import type { Readable, TransformCallback } from "node:stream";
import { Transform } from "node:stream";
import type { Entry, ZipFile } from "yauzl";
import { openPromise } from "yauzl";
import { ParseError } from "../contract.js";

export interface ZipLimits {
  maxTotalUncompressedBytes: number;
  maxEntryRatio: number;
  ratioCheckMinBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // Multi-year Apple exports reach several GB of XML; 16 GiB is far above any real one.
  maxTotalUncompressedBytes: 16 * 1024 ** 3,
  // Apple's XML deflates ~27x; zip bombs are ~1000x. Generic "legit is 1-3x" advice would reject real exports.
  maxEntryRatio: 200,
  // Tiny entries can have absurd ratios harmlessly (a 100 KB run of spaces); only large ones can hurt.
  ratioCheckMinBytes: 1024 * 1024,
  // Apple adds one file per workout route / ECG, so thousands of entries are normal; 200k is not.
  maxEntries: 200_000,
};

/** An import's progress through an archive's entries, in inflated bytes. */
export interface ZipProgress {
  onBytes: (bytes: number) => void;
  onTotalBytes?: (bytes: number) => void;
}

export const NO_PROGRESS: ZipProgress = { onBytes: () => undefined };

export interface ZipEntryStream {
  entryName: string;
  uncompressedBytes: number;
  /** Inflated bytes; errors are ParseError("ZIP_INVALID"). Destroy it to release the file. */
  stream: Readable;
}

// yauzl validates names itself (strictFileNames) and reports them with these message prefixes.
const UNSAFE_NAME_MESSAGES = ["invalid relative path", "absolute path", "invalid characters in fileName"];

function toZipError(err: unknown): Error {
  if (err instanceof ParseError) return err;
  if (!(err instanceof Error)) return new ParseError("ZIP_INVALID", "The zip archive could not be read.");
  // File-system failures (ENOENT, EACCES…) are the server's problem, not the upload's: keep them as they are.
  if ("syscall" in err && "code" in err && typeof err.code === "string") return err;
  if (UNSAFE_NAME_MESSAGES.some((prefix) => err.message.startsWith(prefix))) {
    return new ParseError("ZIP_UNSAFE_PATH", `The zip contains an unsafe entry name (${err.message}); refusing to read it.`);
  }
  return new ParseError("ZIP_INVALID", `The zip archive is damaged or incomplete: ${err.message}.`);
}

function checkEntry(entry: Entry, totalBytes: number, limits: ZipLimits): void {
  const name = JSON.stringify(entry.fileName);
  if (totalBytes > limits.maxTotalUncompressedBytes) {
    throw new ParseError("ZIP_TOO_LARGE", `The zip would inflate to more than ${limits.maxTotalUncompressedBytes} bytes (reached at entry ${name}).`);
  }
  const isLarge = entry.uncompressedSize > limits.ratioCheckMinBytes;
  if (isLarge && entry.uncompressedSize > entry.compressedSize * limits.maxEntryRatio) {
    const ratio = entry.compressedSize === 0 ? "infinite" : `${Math.round(entry.uncompressedSize / entry.compressedSize)}x`;
    throw new ParseError(
      "ZIP_RATIO_EXCEEDED",
      `Entry ${name} expands ${entry.compressedSize} → ${entry.uncompressedSize} bytes (${ratio}, limit ${limits.maxEntryRatio}x): looks like a zip bomb.`,
    );
  }
}

/**
 * Reads the whole central directory (no inflation), enforcing the limits, and returns up to `maxMatches`
 * matching file entries in directory order. The predicate is not consulted once that many are found.
 */
async function scanEntries(zip: ZipFile, predicate: (fileName: string) => boolean, limits: ZipLimits, maxMatches: number): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw new ParseError("ZIP_TOO_MANY_ENTRIES", `The zip has ${zip.entryCount} entries (limit ${limits.maxEntries}).`);
  }
  let totalBytes = 0;
  const matches: Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    totalBytes += entry.uncompressedSize;
    checkEntry(entry, totalBytes, limits);
    if (matches.length < maxMatches && !entry.fileName.endsWith("/") && predicate(entry.fileName)) matches.push(entry);
  }
  return matches;
}

/** Reads the whole central directory (no inflation), enforcing the limits, and returns the first match. */
async function findEntry(zip: ZipFile, predicate: (fileName: string) => boolean, limits: ZipLimits): Promise<Entry | null> {
  const [found] = await scanEntries(zip, predicate, limits, 1);
  return found ?? null;
}

/** Counts inflated bytes and fails past the declared size: a backstop behind yauzl's own size validation. */
function byteCounter(expectedBytes: number, entryName: string): Transform {
  let seenBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      seenBytes += chunk.length;
      if (seenBytes <= expectedBytes) callback(null, chunk);
      else callback(new ParseError("ZIP_INVALID", `Entry ${JSON.stringify(entryName)} inflates past its declared ${expectedBytes} bytes.`));
    },
  });
}

async function openEntry(zip: ZipFile, entry: Entry): Promise<ZipEntryStream> {
  if (!entry.canDecodeFileData()) {
    throw new ParseError("ZIP_INVALID", `Entry ${JSON.stringify(entry.fileName)} is encrypted or uses an unsupported compression method.`);
  }
  const raw = await zip.openReadStreamPromise(entry);
  const counted = byteCounter(entry.uncompressedSize, entry.fileName);
  raw.on("error", (err) => counted.destroy(toZipError(err)));
  counted.on("close", () => raw.destroy());
  raw.pipe(counted);
  return { entryName: entry.fileName, uncompressedBytes: entry.uncompressedSize, stream: counted };
}

/** Opens a zip FILE for entry-by-entry reading (the central directory is read lazily, names checked strictly). */
async function openZip(path: string): Promise<ZipFile> {
  try {
    return await openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw toZipError(err);
  }
}

/** Runs `read` on the opened zip, answering its failures as zip errors; the file is closed afterwards. */
async function withZip<T>(path: string, read: (zip: ZipFile) => Promise<T>): Promise<T> {
  const zip = await openZip(path);
  try {
    return await read(zip);
  } catch (err) {
    throw toZipError(err);
  } finally {
    // Safe while an entry stream is open: yauzl keeps the file descriptor until that stream ends too.
    zip.close();
  }
}

/**
 * Opens a zip FILE, validates its central directory before inflating anything (sizes, ratios, entry count,
 * unsafe names), then streams the first entry whose name satisfies `predicate`. Null when none does.
 * Nested archives are never opened: callers get exactly one entry's bytes.
 */
export async function openZipEntryStream(
  path: string,
  predicate: (fileName: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntryStream | null> {
  return withZip(path, async (zip) => {
    const entry = await findEntry(zip, predicate, limits);
    return entry === null ? null : await openEntry(zip, entry);
  });
}

/**
 * The entry names of a zip FILE, after the same central-directory checks (nothing is inflated).
 * Used to tell an Apple export from a Takeout archive by what it contains.
 */
export async function listZipEntryNames(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  const names: string[] = [];
  await withZip(path, (zip) =>
    findEntry(
      zip,
      (name) => {
        names.push(name);
        return false;
      },
      limits,
    ),
  );
  return names;
}

/**
 * The inflated size of every entry whose name satisfies `predicate`, from the central directory (nothing inflated):
 * what an import's progress counts to when it reads those entries.
 */
export async function inflatedBytesOf(
  path: string,
  predicate: (fileName: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<number> {
  const entries = await withZip(path, (zip) => scanEntries(zip, predicate, limits, Number.POSITIVE_INFINITY));
  return entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
}

/**
 * Streams EVERY entry whose name satisfies `predicate`, in central-directory order, after the same whole-directory
 * checks as openZipEntryStream. Each stream is destroyed when the consumer asks for the next entry (or stops), so
 * read it before then. Entries are raw bytes: nested archives are never opened (callers should not match them).
 */
export async function* eachZipEntry(
  path: string,
  predicate: (fileName: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ZipEntryStream> {
  const zip = await openZip(path);
  try {
    let entries: Entry[];
    try {
      entries = await scanEntries(zip, predicate, limits, Number.POSITIVE_INFINITY);
    } catch (err) {
      throw toZipError(err);
    }
    for (const entry of entries) {
      let opened: ZipEntryStream;
      try {
        opened = await openEntry(zip, entry);
      } catch (err) {
        throw toZipError(err);
      }
      try {
        yield opened;
      } finally {
        opened.stream.destroy();
      }
    }
  } finally {
    zip.close();
  }
}
