import { gunzipHead, isGzipHead } from "./common/gzip.js";
import { csvHeaderCells, decodeHead, jsonKeyPaths, xmlRootName } from "./common/sniff.js";
import { isSqliteHead, sqliteTableNames } from "./common/sqlite-tables.js";
import { listZipEntryNames } from "./common/zip.js";
import type { Sniff } from "./contract.js";
import { FORMAT_NAMES, FORMATS, type FormatName } from "./registry.js";

// Enough to get past Apple's internal DTD (~10 KB) to the root element, small enough to read before storing.
export const DETECT_HEAD_BYTES = 64 * 1024;

export interface DetectOptions {
  /** Entry names of the archive when the head is a zip; without them a zip cannot be told apart. */
  zipEntryNames?: readonly string[];
  /** Table names when the head is a SQLite database; without them a database cannot be told apart. */
  sqliteTables?: readonly string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function isZipHead(head: Buffer): boolean {
  return head.subarray(0, 4).equals(ZIP_MAGIC);
}

/** The first format, in registry order, whose sniff says yes. */
function firstMatch(test: (sniff: Sniff) => boolean): FormatName | null {
  return FORMAT_NAMES.find((name) => test(FORMATS[name].sniff)) ?? null;
}

/**
 * Names the format of an upload from its first bytes (≤ DETECT_HEAD_BYTES), never from its file name. Zips are
 * told apart by `zipEntryNames`. Null means "not a format wearsync reads"; a match is only a sniff, and the
 * parser still validates the whole file.
 */
export function detectFormat(head: Buffer, opts: DetectOptions = {}): FormatName | null {
  if (head.length === 0) return null;
  if (isZipHead(head)) {
    const entryNames = opts.zipEntryNames;
    return entryNames === undefined ? null : firstMatch((s) => s.zip?.(entryNames) ?? false);
  }
  if (isSqliteHead(head)) {
    const tables = opts.sqliteTables;
    return tables === undefined ? null : firstMatch((s) => s.sqliteTables?.(tables) ?? false);
  }
  const binary = firstMatch((s) => s.binary?.(head) ?? false);
  if (binary !== null) return binary;
  const text = decodeHead(head.subarray(0, DETECT_HEAD_BYTES)).trimStart();
  if (text.includes("\u0000")) return null;
  if (text.startsWith("<")) {
    const root = xmlRootName(text);
    return root === null ? null : firstMatch((s) => s.xmlRoot === root);
  }
  if (text.startsWith("{") || text.startsWith("[")) {
    const json = { text, keys: jsonKeyPaths(text) };
    return firstMatch((s) => s.json?.(json) ?? false);
  }
  const cells = csvHeaderCells(text);
  return firstMatch((s) => s.csvHeader?.(cells) ?? false);
}

/**
 * detectFormat for a stored file: a zip's entry names are read from its central directory first, and a gzip is the
 * format of what it holds (its head is inflated to find out; a zip inside a gzip is not read).
 */
export async function detectFileFormat(path: string, head: Buffer): Promise<FormatName | null> {
  if (isGzipHead(head)) {
    const inner = await gunzipHead(head, DETECT_HEAD_BYTES);
    return inner === null || isZipHead(inner) || isGzipHead(inner) ? null : detectFormat(inner);
  }
  const zipEntryNames = isZipHead(head) ? await listZipEntryNames(path) : undefined;
  const sqliteTables = isSqliteHead(head) ? ((await sqliteTableNames(path)) ?? []) : undefined;
  return detectFormat(head, { ...(zipEntryNames ? { zipEntryNames } : {}), ...(sqliteTables ? { sqliteTables } : {}) });
}
