// Fitbit data from Google Takeout ("Global Export Data/<metric>-YYYY-MM-DD.json"): one JSON array per
// metric and date window. The date in the file name is a window start, not the content date.
import type { z } from "zod";
import { assertTimeZone } from "../../lib/zone.js";
import { jsonArrayItems } from "../common/json-stream.js";
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

/**
 * Parses one Fitbit Takeout JSON file from its byte chunks, entry by entry (a month of intraday heart rate is tens of
 * MB); the file name (or, without one, the content) selects the metric family.
 */
export async function* parseFitbit(
  fileName: string,
  chunks: AsyncIterable<Uint8Array>,
  opts: FitbitParseOptions,
  family: FitbitFileKind | null = fitbitFileKind(fileName),
): AsyncGenerator<ParseEvent> {
  if (family === null) throw new ParseError("UNKNOWN_FORMAT", `${fileName} is not a supported Fitbit Takeout file.`);
  assertTimeZone(opts.timeZone);
  const entries = jsonArrayItems(chunks, fileName);
  if (family === "calories") {
    // Fitbit "calories" are total burn (BMR included): no sample type holds that, and storing them
    // as active energy would count BMR twice in the deficit.
    let count = 0;
    for await (const _ of entries) count++;
    const reason = `Fitbit calories are total energy including resting burn, which is not imported; ${count} entries were skipped.`;
    yield rejected("file", reason, "calories");
    return;
  }
  const ctx: FitbitContext = { nowMs: opts.nowMs, timeZone: opts.timeZone, weightUnit: opts.weightUnit };
  const handle = ENTRY_HANDLERS[family];
  let i = 0;
  for await (const entry of entries) yield* handle(entry, ctx, `[${i++}]`);
}
