// Runs fit-file-parser over each framed chained file and merges the messages this service needs.

import type { ParsedFit } from "fit-file-parser";
import FitParser from "fit-file-parser";
import { ParseError } from "../contract.js";
import { frameFitSegments } from "./fit-framing.js";

export type FitSession = NonNullable<ParsedFit["sessions"]>[number];
export type FitLap = NonNullable<ParsedFit["laps"]>[number];
export type FitRecord = NonNullable<ParsedFit["records"]>[number];
export type FitFileId = NonNullable<ParsedFit["file_ids"]>[number];
export type FitDeviceInfo = NonNullable<ParsedFit["device_infos"]>[number];
export type FitSport = NonNullable<ParsedFit["sports"]>[number];
export type FitActivity = ParsedFit["activity"];
export type FitHr = NonNullable<NonNullable<ParsedFit["messages"]>["hr"]>[number];
export type FitSet = NonNullable<ParsedFit["sets"]>[number];

/**
 * FIT profile messages that carry health data wearsync does not read yet (daily monitoring, R-R intervals,
 * stress, sleep, SpO2, respiration, weigh-ins, blood pressure); they are counted as skipped.
 */
const UNREAD_HEALTH_MESSAGES = [
  "monitoring",
  "monitoring_hr_data",
  "hrv",
  "beat_intervals",
  "hrv_value",
  "hrv_status_summary",
  "raw_bbi",
  "stress_level",
  "sleep_level",
  "sleep_assessment",
  "spo2_data",
  "respiration_rate",
  "weight_scale",
  "blood_pressure",
  "skin_temp_overnight",
] as const;

export interface DecodedFit {
  fileId: FitFileId | null;
  deviceInfos: FitDeviceInfo[];
  activity: FitActivity | null;
  sports: FitSport[];
  sessions: FitSession[];
  laps: FitLap[];
  records: FitRecord[];
  hrMessages: FitHr[];
  /** Strength `set` messages (active and rest), in file order. */
  sets: FitSet[];
  /** Messages holding health data this service does not read yet, per FIT message name. */
  unread: Map<string, number>;
  /** Readable reasons the file is incomplete; empty when it decoded cleanly. */
  damage: string[];
}

function runParser(bytes: Uint8Array<ArrayBuffer>): ParsedFit {
  const parser = new FitParser({ force: true, mode: "list", lengthUnit: "m", speedUnit: "m/s" });
  let result: ParsedFit | undefined;
  let failure: string | undefined;
  // The callback runs synchronously; decoder bugs on odd input surface as thrown errors.
  try {
    parser.parse(bytes.buffer, (error, data) => {
      failure = error;
      result = data;
    });
  } catch (thrown) {
    failure = thrown instanceof Error ? thrown.message : String(thrown);
  }
  if (failure !== undefined || result === undefined) throw new Error(failure ?? "the decoder returned nothing");
  return result;
}

function emptyDecoded(): DecodedFit {
  return {
    fileId: null,
    deviceInfos: [],
    activity: null,
    sports: [],
    sessions: [],
    laps: [],
    records: [],
    hrMessages: [],
    sets: [],
    unread: new Map(),
    damage: [],
  };
}

function mergeInto(target: DecodedFit, parsed: ParsedFit): void {
  target.fileId ??= parsed.file_ids?.[0] ?? null;
  target.activity ??= parsed.activity ?? null;
  target.deviceInfos.push(...(parsed.device_infos ?? []));
  target.sports.push(...(parsed.sports ?? []));
  target.sessions.push(...(parsed.sessions ?? []));
  target.laps.push(...(parsed.laps ?? []));
  target.records.push(...(parsed.records ?? []));
  target.hrMessages.push(...(parsed.messages?.hr ?? []));
  target.sets.push(...(parsed.sets ?? []));
  const messages = parsed.messages ?? {};
  for (const name of UNREAD_HEALTH_MESSAGES) {
    const list: unknown = messages[name];
    if (Array.isArray(list) && list.length > 0) target.unread.set(name, (target.unread.get(name) ?? 0) + list.length);
  }
}

export function hasActivityData(decoded: DecodedFit): boolean {
  return decoded.sessions.length > 0 || decoded.records.length > 0;
}

/**
 * The decoder builds every message of a file in memory (about 0.6 KB of heap per message at the parse's peak,
 * measured on the fixtures), so the message count, not the byte size, bounds a parse: 150,000 messages (about
 * 80,000 records, 22 hours of 1-second recording; real activities are far below) parse under a 96 MB heap, which
 * tests/unit/formats/fit-memory.test.ts checks.
 */
export const MAX_FIT_MESSAGES = 150_000;

/** Decodes every chained file; throws FIT_INVALID when nothing at all could be read, FILE_TOO_LARGE past the bound. */
export function decodeFit(buf: Uint8Array): DecodedFit {
  const decoded = emptyDecoded();
  let decodedSegments = 0;
  const segments = frameFitSegments(buf);
  const messages = segments.reduce((sum, segment) => sum + segment.messages, 0);
  if (messages > MAX_FIT_MESSAGES) {
    throw new ParseError("FILE_TOO_LARGE", `The FIT file holds ${messages} messages, more than the ${MAX_FIT_MESSAGES} accepted in one file.`);
  }
  for (const segment of segments) {
    if (segment.damage) decoded.damage.push(segment.damage);
    if (segment.bytes.length === 0) continue;
    try {
      mergeInto(decoded, runParser(segment.bytes));
      decodedSegments++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      decoded.damage.push(`part of the file could not be decoded (${reason})`);
    }
  }
  const readAnything = decoded.fileId !== null || hasActivityData(decoded) || decoded.hrMessages.length > 0;
  if (decodedSegments === 0 || !readAnything) {
    const reasons = decoded.damage.join("; ") || "no FIT messages were found";
    throw new ParseError("FIT_INVALID", `This FIT file could not be read: ${reasons}.`);
  }
  return decoded;
}
