import { open, stat } from "node:fs/promises";
import { appleHealthXml, appleHealthZip } from "./apple-health/index.js";
import { isGzipHead, stripGzipSuffix, withGunzippedFile } from "./common/gzip.js";
import { type ArchiveEvent, type FormatSpec, type IntakeEvent, type OpenOptions, ParseError, type ParseEvent } from "./contract.js";
import { cronometerDailySummaryCsv, cronometerServingsCsv } from "./cronometer/index.js";
import { fitFile } from "./fit/index.js";
import { fitbitJson, fitbitTakeoutZip } from "./fitbit/index.js";
import { garminConnectZip } from "./garmin/index.js";
import { googleFitAllDataJson, googleFitDailyMetricsCsv, googleFitSessionJson, googleFitTakeoutZip } from "./google-fit/index.js";
import { gpxFile } from "./gpx/index.js";
import { healthAutoExportJson } from "./health-auto-export/index.js";
import { healthConnectDb, healthConnectZip } from "./health-connect/index.js";
import { myFitnessPalCsv } from "./myfitnesspal/index.js";
import { samsungHealthCsv, samsungHealthZip } from "./samsung-health/index.js";
import { stravaActivitiesCsv, stravaZip } from "./strava/index.js";
import { tcxFile } from "./tcx/index.js";
import { wearsyncExportZip } from "./wearsync-export/index.js";

/**
 * Every format an upload can be, by the name stored on its import. Detection asks each sniff in this order, so a
 * more specific format comes before a looser one of the same kind. Adding a format: a folder with its parser and
 * an index.ts exporting its FormatSpec, and one line here (docs/how-to.md).
 */
export const FORMATS = {
  wearsync_export_zip: wearsyncExportZip,
  apple_health_zip: appleHealthZip,
  apple_health_xml: appleHealthXml,
  fit: fitFile,
  tcx: tcxFile,
  gpx: gpxFile,
  health_auto_export_json: healthAutoExportJson,
  fitbit_json: fitbitJson,
  google_fit_zip: googleFitTakeoutZip,
  fitbit_takeout_zip: fitbitTakeoutZip,
  health_connect_zip: healthConnectZip,
  health_connect_db: healthConnectDb,
  strava_zip: stravaZip,
  strava_activities_csv: stravaActivitiesCsv,
  samsung_health_zip: samsungHealthZip,
  samsung_health_csv: samsungHealthCsv,
  garmin_connect_zip: garminConnectZip,
  google_fit_daily_csv: googleFitDailyMetricsCsv,
  google_fit_all_data_json: googleFitAllDataJson,
  google_fit_session_json: googleFitSessionJson,
  cronometer_servings_csv: cronometerServingsCsv,
  cronometer_dailysummary_csv: cronometerDailySummaryCsv,
  myfitnesspal_csv: myFitnessPalCsv,
} as const satisfies Record<string, FormatSpec>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as [FormatName, ...FormatName[]];

function specOf(name: string): FormatSpec | undefined {
  return Object.hasOwn(FORMATS, name) ? FORMATS[name as FormatName] : undefined;
}

export function isFoodLogFormat(name: string): boolean {
  return specOf(name)?.kind === "food-log";
}

export function isArchiveFormat(name: string): boolean {
  return specOf(name)?.kind === "archive";
}

export const FOOD_LOG_FORMATS: readonly FormatName[] = FORMAT_NAMES.filter(isFoodLogFormat);

type Packing = "gzip" | "zip" | "plain";

async function packingOf(path: string): Promise<Packing> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    if (isGzipHead(head.subarray(0, bytesRead))) return "gzip";
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50 ? "zip" : "plain";
  } finally {
    await file.close();
  }
}

/** Opens a stored upload with its format; a gzipped one is inflated first (compression is transparent). */
async function* openPlain<T>(
  path: string,
  opts: OpenOptions,
  openFile: (plainPath: string, opts: OpenOptions) => AsyncIterable<T>,
): AsyncGenerator<T> {
  const packing = await packingOf(path);
  if (packing !== "gzip") {
    // A plain file is read to its size; a zip format reports what it will read from the central directory.
    if (packing === "plain") opts.onTotalBytes?.((await stat(path)).size);
    yield* openFile(path, opts);
    return;
  }
  const filename = opts.filename === null ? null : stripGzipSuffix(opts.filename);
  yield* withGunzippedFile(path, (plainPath) => openFile(plainPath, { ...opts, filename }));
}

/** The events of a stored upload holding samples and workouts; a name that is not such a format fails the import. */
export async function* openRecords(name: string, path: string, opts: OpenOptions): AsyncGenerator<ParseEvent> {
  const spec = specOf(name);
  if (spec?.kind !== "records") throw new ParseError("UNKNOWN_FORMAT", `Importing ${name} files is not supported yet.`);
  yield* openPlain(path, opts, (plainPath, plainOpts) => spec.open(plainPath, plainOpts));
}

/** The events of a stored food-log export. */
export async function* openFoodLog(name: string, path: string, opts: OpenOptions): AsyncGenerator<IntakeEvent> {
  const spec = specOf(name);
  if (spec?.kind !== "food-log") throw new ParseError("UNKNOWN_FORMAT", `${name} is not a food-log format.`);
  yield* openPlain(path, opts, (plainPath, plainOpts) => spec.open(plainPath, plainOpts));
}

/** The events of a stored wearsync export (a zip: never gzipped by the exporter, so read as it is). */
export async function* openArchive(name: string, path: string, opts: OpenOptions): AsyncGenerator<ArchiveEvent> {
  const spec = specOf(name);
  if (spec?.kind !== "archive") throw new ParseError("UNKNOWN_FORMAT", `${name} is not a wearsync export.`);
  yield* spec.open(path, opts);
}
