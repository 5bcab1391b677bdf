// Android Health Connect's export: "Health Connect.zip" holding one SQLite file, health_connect_export.db, a copy of
// the phone's Health Connect database (hc-schema.ts names the tables and where they are defined), or that file
// uploaded on its own. SQLite needs a file of its own, so the entry (or the upload) is copied to a private temporary
// directory (size-capped) that is removed afterwards, even when reading fails. Each table is read row by row in turn;
// what is not read is counted as skipped.

import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { ZipLimits, ZipProgress } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry, listZipEntryNames, NO_PROGRESS } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { guardSqlite, type OpenedExport, openExportDatabase } from "./hc-database.js";
import {
  basalRateEvents,
  type HcContext,
  heartRateEvents,
  INSTANT_TABLES,
  INTERVAL_TABLES,
  instantEvents,
  intervalEvents,
  nutritionEvents,
} from "./hc-samples.js";
import {
  BASAL_METABOLIC_RATE_TABLE,
  EXERCISE_SESSION_TABLE,
  EXPORT_DB_ENTRY,
  HEART_RATE_TABLE,
  NUTRITION_TABLE,
  SLEEP_SESSION_TABLE,
  SLEEP_STAGES_TABLE,
  TOTAL_CALORIES_TABLE,
} from "./hc-schema.js";
import { sleepEvents } from "./hc-sleep.js";
import { HcSources } from "./hc-sources.js";
import { exerciseEvents } from "./hc-workouts.js";

export interface HealthConnectOptions {
  nowMs: number;
}

/**
 * Years of minute-level steps and heart rate make a database of a few hundred MB; 4 GiB (the default upload cap)
 * is far above any real one and bounds the temporary file.
 */
export const MAX_EXPORT_DB_BYTES = 4 * 1024 ** 3;

const PRIVATE_FILE_MODE = 0o600;

/** Whether a zip entry is the export's database (at the root, or inside a folder the zip was made from). */
export function isExportDbEntry(entryName: string): boolean {
  return entryName === EXPORT_DB_ENTRY || entryName.endsWith(`/${EXPORT_DB_ENTRY}`);
}

/** One table's reader, run only when the export has that table (older Health Connect versions lack some). */
interface TableStep {
  table: string;
  read: (ctx: HcContext, opened: OpenedExport) => Generator<ParseEvent>;
}

const STEPS: readonly TableStep[] = [
  ...INTERVAL_TABLES.map((spec) => ({ table: spec.table, read: (ctx: HcContext) => intervalEvents(ctx, spec) })),
  ...INSTANT_TABLES.map((spec) => ({ table: spec.table, read: (ctx: HcContext) => instantEvents(ctx, spec) })),
  { table: HEART_RATE_TABLE, read: (ctx) => heartRateEvents(ctx) },
  { table: BASAL_METABOLIC_RATE_TABLE, read: (ctx) => basalRateEvents(ctx) },
  { table: NUTRITION_TABLE, read: (ctx) => nutritionEvents(ctx) },
  { table: EXERCISE_SESSION_TABLE, read: (ctx, opened) => exerciseEvents(ctx, opened.lookup, opened.tables) },
  { table: SLEEP_SESSION_TABLE, read: (ctx, opened) => sleepEvents(ctx, opened.tables.has(SLEEP_STAGES_TABLE)) },
];

// Total calories include the resting burn that basal metabolic rate already gives, and wearsync's burn is active +
// basal: storing the total as active energy would count the resting part twice (a session's total is read for its
// workout only when its app wrote no active calories).
const SKIPPED_TABLES = [TOTAL_CALORIES_TABLE];
const READ_TABLES = new Set([...STEPS.map((step) => step.table), ...SKIPPED_TABLES]);

/** Rows of the record tables not read, by table: never dropped silently. */
function* unreadTables(opened: OpenedExport): Generator<ParseEvent> {
  const unread = [...opened.tables].filter((table) => table.endsWith("_record_table") && !READ_TABLES.has(table)).sort();
  for (const table of [...SKIPPED_TABLES.filter((t) => opened.tables.has(t)), ...unread]) {
    const count = opened.db.prepare(`select count(*) from ${table}`).pluck().get();
    if (typeof count === "number" && count > 0) yield { kind: "skipped", recordType: table, count };
  }
}

/** The events of an extracted export database; `sizeBytes` is what progress counts to. */
export async function* readExportDatabase(
  dbPath: string,
  sizeBytes: number,
  opts: HealthConnectOptions,
  progress: ZipProgress,
): AsyncGenerator<ParseEvent> {
  const opened = openExportDatabase(dbPath);
  try {
    const ctx: HcContext = { db: opened.db, sources: new HcSources(opened.db), nowMs: opts.nowMs };
    const steps = STEPS.filter((step) => opened.tables.has(step.table));
    for (const [i, step] of steps.entries()) {
      yield* guardSqlite(() => step.read(ctx, opened));
      progress.onBytes(Math.round((sizeBytes * (i + 1)) / (steps.length + 1)));
    }
    yield* guardSqlite(() => unreadTables(opened));
    progress.onBytes(sizeBytes);
  } finally {
    opened.close();
  }
}

function checkedSize(bytes: number, name: string): number {
  if (bytes > MAX_EXPORT_DB_BYTES)
    throw new ParseError("FILE_TOO_LARGE", `${name} is ${bytes} bytes, more than the ${MAX_EXPORT_DB_BYTES} accepted.`);
  return bytes;
}

/**
 * Reads the export database from a private copy that `copy` writes (and returns the size of): SQLite needs a file of
 * its own, and opening one can create journal files beside it. Only the owner may read the copy (it is a person's
 * health data); its directory is removed afterwards, even when reading fails.
 */
async function* readPrivateCopy(
  copy: (dbPath: string) => Promise<number>,
  opts: HealthConnectOptions,
  progress: ZipProgress,
): AsyncGenerator<ParseEvent> {
  const dir = await mkdtemp(path.join(tmpdir(), "wearsync-hc-"));
  try {
    const dbPath = path.join(dir, EXPORT_DB_ENTRY);
    const sizeBytes = await copy(dbPath);
    yield* readExportDatabase(dbPath, sizeBytes, opts, progress);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Streams a "Health Connect.zip" export. */
export async function* parseHealthConnectZip(
  zipPath: string,
  opts: HealthConnectOptions,
  progress: ZipProgress = NO_PROGRESS,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  const names = await listZipEntryNames(zipPath, limits);
  if (!names.some(isExportDbEntry)) {
    throw new ParseError("ZIP_NO_EXPORT", `The zip has no ${EXPORT_DB_ENTRY}: is this the "Health Connect.zip" that Health Connect exports?`);
  }
  const extract = async (dbPath: string) => {
    for await (const entry of eachZipEntry(zipPath, isExportDbEntry, limits)) {
      const sizeBytes = checkedSize(entry.uncompressedBytes, entry.entryName);
      progress.onTotalBytes?.(sizeBytes);
      await pipeline(entry.stream, createWriteStream(dbPath, { mode: PRIVATE_FILE_MODE }));
      return sizeBytes;
    }
    return 0;
  };
  yield* readPrivateCopy(extract, opts, progress);
}

/** Streams the export's database uploaded as it is, without its zip (the file Health Connect.zip holds). */
export async function* parseHealthConnectDb(
  dbFile: string,
  opts: HealthConnectOptions,
  progress: ZipProgress = NO_PROGRESS,
): AsyncGenerator<ParseEvent> {
  const copy = async (dbPath: string) => {
    const sizeBytes = checkedSize((await stat(dbFile)).size, EXPORT_DB_ENTRY);
    await pipeline(createReadStream(dbFile), createWriteStream(dbPath, { mode: PRIVATE_FILE_MODE }));
    return sizeBytes;
  };
  yield* readPrivateCopy(copy, opts, progress);
}
