// Garmin's nights in the account export: `DI_CONNECT/DI-Connect-Wellness/*_sleepData.json`, a JSON array with one
// object per night: sleepStartTimestampGMT / sleepEndTimestampGMT ("2017-06-11T05:52:00.0", GMT) and the seconds
// of each stage (deepSleepSeconds, lightSleepSeconds, remSleepSeconds, awakeSleepSeconds). The file has no
// stage timeline, so each stage is one sample over the night whose value is its minutes, as for Health Auto
// Export's aggregated nights; light sleep is what Apple calls core.

import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { GARMIN_DAILY_SOURCE, garminTimeMs } from "./garmin-wellness.js";

const SLEEP_FILE = /(^|\/)DI_CONNECT\/DI-Connect-Wellness\/[^/]*_sleepData\.json$/i;

export function isSleepDataFile(entryName: string): boolean {
  return SLEEP_FILE.test(entryName);
}

const STAGE_FIELDS: readonly { key: string; type: SleepStageType }[] = [
  { key: "deepSleepSeconds", type: "sleep_deep" },
  { key: "lightSleepSeconds", type: "sleep_core" },
  { key: "remSleepSeconds", type: "sleep_rem" },
  { key: "awakeSleepSeconds", type: "sleep_awake" },
];

function rejected(where: string, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType: "garmin_sleep" } };
}

export function* sleepDataEvents(buf: Buffer, nowMs: number): Generator<ParseEvent> {
  let nights: unknown;
  try {
    nights = JSON.parse(buf.toString("utf8"));
  } catch (error) {
    throw new ParseError("JSON_INVALID", `The sleep file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(nights)) throw new ParseError("JSON_INVALID", "The sleep file is not a JSON array of nights.");
  for (const [i, night] of nights.entries()) {
    const record = typeof night === "object" && night !== null ? (night as Record<string, unknown>) : {};
    const where = typeof record.calendarDate === "string" ? `night ${record.calendarDate}` : `[${i}]`;
    const startMs = garminTimeMs(record.sleepStartTimestampGMT);
    const endMs = garminTimeMs(record.sleepEndTimestampGMT);
    if (startMs === null || endMs === null || endMs <= startMs) {
      yield rejected(where, "The night has no sleepStartTimestampGMT / sleepEndTimestampGMT; it was not imported.");
      continue;
    }
    for (const { key, type } of STAGE_FIELDS) {
      const seconds = record[key];
      if (typeof seconds !== "number" || seconds <= 0) continue;
      const minutes = seconds / 60;
      const problem = implausibility(type, minutes, startMs, endMs, nowMs);
      if (problem) yield rejected(where, `The ${key} was not imported: ${problem}.`);
      else yield { kind: "sample", sample: { type, value: minutes, startMs, endMs, utcOffsetMin: null, source: GARMIN_DAILY_SOURCE } };
    }
  }
}
