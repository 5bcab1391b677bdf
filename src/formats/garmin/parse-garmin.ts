// Garmin Connect's file exports, now that its developer programme takes no new partners:
// - the account export ("Export your data"): a zip whose `DI_CONNECT/DI-Connect-Uploaded-Files/` holds the original
//   activity files inside nested `UploadedFiles_<n>_Part<m>.zip` archives, beside JSON summaries;
// - "Export Original" of one activity: a zip holding that activity's FIT (or the TCX/GPX it was uploaded as).
// Every activity file is read by its own parser (FIT, TCX, GPX; `.gz` inflated first). A nested archive is copied to
// a private temporary file and read with the same central-directory checks as the outer one; no deeper nesting.
// The account export's daily wellness summaries (UDSFile_*.json) give each day's steps and energy (garmin-wellness.ts),
// its sleep files (*_sleepData.json) the nights (garmin-sleep.ts).

import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { gunzipBuffer } from "../common/gzip.js";
import { guardedEntryEvents, MAX_TAKEOUT_ENTRY_BYTES, readEntry } from "../common/takeout-entry.js";
import type { ZipLimits, ZipProgress } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry, inflatedBytesOf, listZipEntryNames, NO_PROGRESS } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { parseFit } from "../fit/parse-fit.js";
import { parseGpx } from "../gpx/parse-gpx.js";
import { parseTcx } from "../tcx/parse-tcx.js";
import { isSleepDataFile, sleepDataEvents } from "./garmin-sleep.js";
import { isUdsFile, udsFileEvents } from "./garmin-wellness.js";

export interface GarminOptions {
  nowMs: number;
  /** The profile's zone, for a daily summary without its own window. */
  timeZone: string;
}

/** Adds each read entry's inflated size to the import's progress. */
type EntryDone = (inflatedBytes: number) => void;

const ACTIVITY_FILE = /\.(fit|tcx|gpx)(\.gz)?$/i;
const UPLOADED_ARCHIVE = /(^|\/)DI_CONNECT\/DI-Connect-Uploaded-Files\/[^/]*\.zip$/i;
const ACCOUNT_EXPORT = /(^|\/)DI_CONNECT\//;
const SUMMARY_JSON = /(^|\/)DI_CONNECT\/.*\.json$/i;

function files(entryNames: readonly string[]): string[] {
  return entryNames.filter((name) => !name.endsWith("/"));
}

/** A Garmin account export (DI_CONNECT/…), or a zip holding only activity files (Export Original). */
export function isGarminZip(entryNames: readonly string[]): boolean {
  const names = files(entryNames);
  if (names.some((name) => ACCOUNT_EXPORT.test(name))) return true;
  return names.length > 0 && names.every((name) => ACTIVITY_FILE.test(name));
}

async function* activityEvents(entryName: string, raw: Buffer, nowMs: number): AsyncGenerator<ParseEvent> {
  const lower = entryName.toLowerCase();
  const buf = lower.endsWith(".gz") ? gunzipBuffer(raw, MAX_TAKEOUT_ENTRY_BYTES, "The file") : raw;
  const plain = lower.replace(/\.gz$/, "");
  if (plain.endsWith(".fit")) yield* parseFit(buf, { nowMs });
  else if (plain.endsWith(".tcx")) yield* parseTcx(buf, { nowMs });
  else yield* parseGpx(buf, { nowMs });
}

/** Every activity file of one archive, each read whole under the per-file cap; `label` prefixes where they are. */
async function* archiveActivities(
  zipPath: string,
  label: string,
  opts: GarminOptions,
  limits: ZipLimits,
  done: EntryDone,
): AsyncGenerator<ParseEvent> {
  for await (const entry of eachZipEntry(zipPath, (name) => ACTIVITY_FILE.test(name), limits)) {
    const where = `${label}${entry.entryName}`;
    const raw = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    done(entry.uncompressedBytes);
    if (!Buffer.isBuffer(raw)) {
      yield raw.kind === "rejected" ? { ...raw, rejection: { ...raw.rejection, where } } : raw;
      continue;
    }
    yield* guardedEntryEvents(where, () => activityEvents(entry.entryName, raw, opts.nowMs));
  }
}

/** The activity files inside each nested UploadedFiles archive, one archive at a time. */
async function* nestedArchives(outerPath: string, opts: GarminOptions, limits: ZipLimits, done: EntryDone): AsyncGenerator<ParseEvent> {
  const dir = await mkdtemp(path.join(tmpdir(), "wearsync-garmin-"));
  try {
    let n = 0;
    for await (const entry of eachZipEntry(outerPath, (name) => UPLOADED_ARCHIVE.test(name), limits)) {
      const innerPath = path.join(dir, `inner-${n++}.zip`);
      await pipeline(entry.stream, createWriteStream(innerPath));
      // Progress counts the nested archive once, when its files have been read.
      yield* archiveActivities(innerPath, `${entry.entryName}: `, opts, limits, () => undefined);
      await rm(innerPath, { force: true });
      done(entry.uncompressedBytes);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const isWellnessFile = (name: string) => isUdsFile(name) || isSleepDataFile(name);

/** The daily wellness summaries and the nights, each file read whole under the per-file cap. */
async function* wellnessFiles(zipPath: string, opts: GarminOptions, limits: ZipLimits, done: EntryDone): AsyncGenerator<ParseEvent> {
  for await (const entry of eachZipEntry(zipPath, isWellnessFile, limits)) {
    const raw = await readEntry(entry, MAX_TAKEOUT_ENTRY_BYTES);
    done(entry.uncompressedBytes);
    if (!Buffer.isBuffer(raw)) yield raw;
    else if (isUdsFile(entry.entryName)) yield* guardedEntryEvents(entry.entryName, () => udsFileEvents(raw, opts));
    else yield* guardedEntryEvents(entry.entryName, () => sleepDataEvents(raw, opts.nowMs));
  }
}

/** Streams a Garmin Connect export zip's activities and daily summaries; its other JSON files are counted as skipped. */
export async function* parseGarminZip(
  zipPath: string,
  opts: GarminOptions,
  progress: ZipProgress = NO_PROGRESS,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  const names = files(await listZipEntryNames(zipPath, limits));
  const nested = names.filter((name) => UPLOADED_ARCHIVE.test(name));
  const loose = names.filter((name) => ACTIVITY_FILE.test(name));
  const daily = names.filter(isWellnessFile);
  if (nested.length === 0 && loose.length === 0 && daily.length === 0) {
    throw new ParseError(
      "ZIP_NO_EXPORT",
      "The zip has no activity files (DI_CONNECT/DI-Connect-Uploaded-Files/*.zip, or .fit/.tcx/.gpx), daily summaries (UDSFile_*.json) or sleep files (*_sleepData.json): is this a Garmin Connect export?",
    );
  }
  const read = (name: string) => ACTIVITY_FILE.test(name) || UPLOADED_ARCHIVE.test(name) || isWellnessFile(name);
  progress.onTotalBytes?.(await inflatedBytesOf(zipPath, read, limits));
  let bytes = 0;
  const done: EntryDone = (inflatedBytes) => {
    bytes += inflatedBytes;
    progress.onBytes(bytes);
  };
  if (loose.length > 0) yield* archiveActivities(zipPath, "", opts, limits, done);
  if (nested.length > 0) yield* nestedArchives(zipPath, opts, limits, done);
  if (daily.length > 0) yield* wellnessFiles(zipPath, opts, limits, done);
  const summaries = names.filter((name) => SUMMARY_JSON.test(name) && !isWellnessFile(name)).length;
  if (summaries > 0) yield { kind: "skipped", recordType: "garmin_connect_summary_file", count: summaries };
}
