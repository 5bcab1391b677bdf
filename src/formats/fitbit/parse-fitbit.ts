// Fitbit data from Google Takeout ("Global Export Data/<metric>-YYYY-MM-DD.json"): one JSON array per
// metric and date window. The date in the file name is a window start, not the content date.
import type { z } from "zod";
import { assertTimeZone } from "../../lib/zone.js";
import type { ParseEvent, WeightUnit } from "../contract.js";
import { ParseError } from "../contract.js";
import { exerciseEntry, exerciseEvents } from "./fitbit-exercise.js";
import type { FitbitContext } from "./fitbit-samples.js";
import {
  heartRateEntry,
  heartRateEvents,
  rejected,
  restingHeartRateEntry,
  restingHeartRateEvents,
  stepsEntry,
  stepsEvents,
  weightEntry,
  weightEvents,
} from "./fitbit-samples.js";
import { sleepEntry, sleepEvents } from "./fitbit-sleep.js";

/** Takeout files hold at most a month of intraday data (~40 MiB of heart rate); 64 MiB bounds JSON.parse. */
export const MAX_FITBIT_FILE_BYTES = 64 * 1024 * 1024;

export interface FitbitParseOptions {
  nowMs: number;
  /** IANA zone of the Fitbit account: the files hold local wall times without an offset. */
  timeZone: string;
  /** Unit the account displays weight in; weight files are rejected without it. */
  weightUnit?: WeightUnit | null;
}

interface FileKind<S extends z.ZodType> {
  schema: S;
  toEvents(entry: z.infer<S>, ctx: FitbitContext, where: string): ParseEvent[];
}

function kind<S extends z.ZodType>(schema: S, toEvents: FileKind<S>["toEvents"]) {
  return (raw: unknown, ctx: FitbitContext, where: string): ParseEvent[] => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return toEvents(parsed.data, ctx, where);
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.map(String).join(".") || "entry"}: ${issue.message}` : "invalid entry";
    return [rejected(where, `The entry is malformed (${detail}).`, "entry")];
  };
}

const ENTRY_HANDLERS = {
  resting_heart_rate: kind(restingHeartRateEntry, restingHeartRateEvents),
  heart_rate: kind(heartRateEntry, heartRateEvents),
  steps: kind(stepsEntry, stepsEvents),
  weight: kind(weightEntry, weightEvents),
  exercise: kind(exerciseEntry, exerciseEvents),
  sleep: kind(sleepEntry, sleepEvents),
} as const;

export type FitbitFileKind = keyof typeof ENTRY_HANDLERS | "calories";

const FILE_KINDS: readonly FitbitFileKind[] = ["resting_heart_rate", "heart_rate", "steps", "weight", "exercise", "sleep", "calories"];
const FILE_NAME = /^([a-z_]+)-\d{4}-\d{2}-\d{2}\.json$/;

function isFileKind(family: string | undefined): family is FitbitFileKind {
  return FILE_KINDS.some((known) => known === family);
}

/** The metric family of a Takeout file name (any directory prefix allowed), or null when unsupported. */
export function fitbitFileKind(fileName: string): FitbitFileKind | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? "";
  const match = FILE_NAME.exec(baseName);
  const family = match?.[1];
  return isFileKind(family) ? family : null;
}

function decodeArray(buf: Uint8Array, fileName: string): unknown[] {
  if (buf.length === 0) throw new ParseError("EMPTY_FILE", `${fileName} is empty.`);
  if (buf.length > MAX_FITBIT_FILE_BYTES) {
    throw new ParseError("FILE_TOO_LARGE", `${fileName} is larger than ${MAX_FITBIT_FILE_BYTES / 1024 / 1024} MiB.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8").decode(buf).replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ParseError("JSON_INVALID", `${fileName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(value)) throw new ParseError("JSON_INVALID", `${fileName} is not a JSON array of Fitbit entries.`);
  return value;
}

/**
 * The family of a file uploaded without its name, from its first entry's keys: weight entries have `logId` and
 * `weight`, exercise entries `logId`, `activityName` and `startTime`, sleep logs `logId` and `dateOfSleep`; the other
 * families need their name.
 */
export function fitbitKindOfContent(keys: ReadonlySet<string>): FitbitFileKind | null {
  if (!keys.has("$[].logId")) return null;
  if (keys.has("$[].weight")) return "weight";
  if (keys.has("$[].dateOfSleep")) return "sleep";
  return keys.has("$[].activityName") && keys.has("$[].startTime") ? "exercise" : null;
}

/** Parses one Fitbit Takeout JSON file; the file name (or, without one, the content) selects the metric family. */
export function* parseFitbit(
  fileName: string,
  buf: Uint8Array,
  opts: FitbitParseOptions,
  family: FitbitFileKind | null = fitbitFileKind(fileName),
): Generator<ParseEvent> {
  if (family === null) throw new ParseError("UNKNOWN_FORMAT", `${fileName} is not a supported Fitbit Takeout file.`);
  assertTimeZone(opts.timeZone);
  const entries = decodeArray(buf, fileName);
  if (family === "calories") {
    // Fitbit "calories" are total burn (BMR included): no sample type holds that, and storing them
    // as active energy would count BMR twice in the deficit.
    const reason = `Fitbit calories are total energy including resting burn, which is not imported; ${entries.length} entries were skipped.`;
    yield rejected("file", reason, "calories");
    return;
  }
  const ctx: FitbitContext = { nowMs: opts.nowMs, timeZone: opts.timeZone, weightUnit: opts.weightUnit };
  const handle = ENTRY_HANDLERS[family];
  for (const [i, entry] of entries.entries()) yield* handle(entry, ctx, `[${i}]`);
}
