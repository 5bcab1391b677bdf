// Fitbit data in a Google Takeout zip (`Takeout/Fitbit/Global Export Data/<metric>-YYYY-MM-DD.json`) or in the older
// Fitbit account export (`MyFitbitData/<name>/Physical Activity/…`, weight under `Personal & Account/`, sleep under
// `Sleep/`).
// Each JSON entry goes to the single-file Fitbit parser; everything else in the archive is ignored.

import { assertTimeZone } from "../../lib/zone.js";
import { guardedEntryEvents } from "../common/takeout-entry.js";
import type { ZipLimits } from "../common/zip.js";
import { DEFAULT_ZIP_LIMITS, eachZipEntry } from "../common/zip.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { FitbitParseOptions } from "./parse-fitbit.js";
import { fitbitFileKind, parseFitbit } from "./parse-fitbit.js";

export type FitbitTakeoutOptions = FitbitParseOptions;

const GLOBAL_EXPORT_DIR = "Takeout/Fitbit/Global Export Data/";
const MY_FITBIT_DATA_DIR = /^MyFitbitData\/[^/]+\/(Physical Activity|Personal & Account|Sleep)\/[^/]+$/;

/** True for a Fitbit metric file this service reads, in either export layout. */
export function isFitbitTakeoutEntry(entryName: string): boolean {
  const inGlobalExport = entryName.startsWith(GLOBAL_EXPORT_DIR) && !entryName.slice(GLOBAL_EXPORT_DIR.length).includes("/");
  return (inGlobalExport || MY_FITBIT_DATA_DIR.test(entryName)) && fitbitFileKind(entryName) !== null;
}

/** Streams the events of a Fitbit Takeout zip, entry by entry; rejections name the entry they come from. */
export async function* parseFitbitTakeoutZip(
  path: string,
  opts: FitbitTakeoutOptions,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<ParseEvent> {
  assertTimeZone(opts.timeZone);
  let entryCount = 0;
  for await (const entry of eachZipEntry(path, isFitbitTakeoutEntry, limits)) {
    entryCount++;
    // Streamed: a month of intraday heart rate is tens of MB of JSON.
    yield* guardedEntryEvents(entry.entryName, () => parseFitbit(entry.entryName, entry.stream, opts));
  }
  if (entryCount === 0) {
    throw new ParseError(
      "ZIP_NO_EXPORT",
      `The zip has no Fitbit metric files (${GLOBAL_EXPORT_DIR}<metric>-YYYY-MM-DD.json or MyFitbitData/<name>/Physical Activity/…): is this a Fitbit Takeout?`,
    );
  }
}
