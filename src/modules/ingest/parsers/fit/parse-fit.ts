// FIT activity files → one ParsedWorkout per session. Damaged files import as far as they are valid and
// say so with a "partial" event; files with nothing usable throw ParseError.
import { ParseError } from "../types.js";
import type { ParseEvent } from "../types.js";
import { decodeFit, hasActivityData } from "./fit-decode.js";
import type { DecodedFit, FitSession } from "./fit-decode.js";
import { expandHrMessages, mergeBeatsIntoRecords } from "./fit-hr.js";
import { fitExternalId, fitSource } from "./fit-source.js";
import { speedAndDistanceByRecord } from "./fit-speed-distance.js";
import { fitClock } from "./fit-time.js";
import type { FitClock } from "./fit-time.js";
import { activityTypeOf, sessionEvents } from "./fit-workouts.js";
import type { SessionInput, TimedRecord } from "./fit-workouts.js";

/** The largest real activity files are a few MiB; 64 MiB bounds decode memory (the file is read whole). */
export const MAX_FIT_FILE_BYTES = 64 * 1024 * 1024;

export interface FitParseOptions {
  nowMs: number;
  /** IANA zone of the user; only used for files whose device clock was never set. */
  timeZone?: string;
}

function timedRecords(decoded: DecodedFit): TimedRecord[] {
  const dated = decoded.records
    .filter((record) => record.timestamp instanceof Date)
    .sort((a, b) => (a.timestamp?.getTime() ?? 0) - (b.timestamp?.getTime() ?? 0));
  mergeBeatsIntoRecords(dated, expandHrMessages(decoded.hrMessages));
  const motion = speedAndDistanceByRecord(dated);
  return dated.map((record, i) => ({
    decoderMs: record.timestamp?.getTime() ?? 0,
    record,
    motion: motion[i] ?? { speedMps: null, distanceM: null },
  }));
}

function sessionStartMs(session: FitSession): number | null {
  if (session.start_time instanceof Date) return session.start_time.getTime();
  if (session.timestamp instanceof Date && typeof session.total_elapsed_time === "number") {
    return session.timestamp.getTime() - session.total_elapsed_time * 1000;
  }
  return null;
}

function sessionEndMs(session: FitSession, startMs: number): number {
  const elapsedEndMs = startMs + (session.total_elapsed_time ?? 0) * 1000;
  return Math.max(elapsedEndMs, session.timestamp instanceof Date ? session.timestamp.getTime() : 0);
}

/** Each session owns the records from its start to the next session's start (the last one, to its end). */
function sessionInputs(decoded: DecodedFit, records: TimedRecord[]): SessionInput[] {
  const fallbackActivity = activityTypeOf(decoded.sports[0]?.sport, decoded.sports[0]?.sub_sport);
  const starts = decoded.sessions
    .map((session, index) => ({ session, index, startMs: sessionStartMs(session) ?? records[0]?.decoderMs }))
    .filter((entry): entry is { session: FitSession; index: number; startMs: number } => entry.startMs !== undefined)
    .sort((a, b) => a.startMs - b.startMs);
  if (starts.length === 0) {
    const first = records[0];
    return first ? [{ session: null, index: 0, startDecoderMs: first.decoderMs, records, fallbackActivity }] : [];
  }
  return starts.map((entry, i) => {
    const next = starts[i + 1];
    const endMs = next ? next.startMs : sessionEndMs(entry.session, entry.startMs);
    const inWindow = records.filter(
      (r) => r.decoderMs >= entry.startMs && (next ? r.decoderMs < endMs : r.decoderMs <= endMs),
    );
    return { session: entry.session, index: entry.index, startDecoderMs: entry.startMs, records: inWindow, fallbackActivity };
  });
}

function assertActivityFile(decoded: DecodedFit): void {
  if (hasActivityData(decoded)) return;
  const fileType = decoded.fileId?.type === undefined ? "unknown" : String(decoded.fileId.type);
  const detail = decoded.damage.length > 0 ? ` (${decoded.damage.join("; ")})` : "";
  throw new ParseError(
    "FIT_INVALID",
    `This FIT file holds no activity (file type "${fileType}")${detail}; only activity files can be imported.`,
  );
}

function partialReason(decoded: DecodedFit, sessionCount: number): string | null {
  const damage = [...decoded.damage];
  if (decoded.sessions.length === 0) damage.push("the file has no session summary, so the workout was rebuilt from its records");
  if (damage.length === 0) return null;
  return `The FIT file is damaged: ${damage.join("; ")}. ${sessionCount} workout(s) were read from the readable part.`;
}

/** Parses a FIT file (possibly several chained FIT files) into workout events. */
export function parseFit(buf: Uint8Array, opts: FitParseOptions): ParseEvent[] {
  if (buf.length === 0) throw new ParseError("EMPTY_FILE", "The FIT file is empty.");
  if (buf.length > MAX_FIT_FILE_BYTES) {
    throw new ParseError("FILE_TOO_LARGE", `The FIT file is larger than ${MAX_FIT_FILE_BYTES / 1024 / 1024} MiB.`);
  }
  const decoded = decodeFit(buf);
  assertActivityFile(decoded);
  const records = timedRecords(decoded);
  const inputs = sessionInputs(decoded, records);
  const clock: FitClock | string = fitClock(inputs[0]?.startDecoderMs ?? 0, decoded.activity, opts.timeZone);
  const events: ParseEvent[] = [];
  if (typeof clock === "string") {
    for (const input of inputs) {
      const reason = `The workout was not imported: ${clock}.`;
      events.push({ kind: "rejected", rejection: { where: `session ${input.index + 1}`, reason, recordType: "session" } });
    }
  } else {
    const source = fitSource(decoded.fileId, decoded.deviceInfos);
    for (const input of inputs) {
      const context = { clock, source, externalId: fitExternalId(decoded.fileId, input.index), nowMs: opts.nowMs };
      events.push(...sessionEvents(input, context));
    }
  }
  const reason = partialReason(decoded, events.filter((event) => event.kind === "workout").length);
  if (reason) events.push({ kind: "partial", reason });
  return events;
}
