// FIT activity files → one ParsedWorkout per session. Damaged files import as far as they are valid and
// say so with a "partial" event; unreadable files throw FIT_INVALID, readable ones without activity NO_DATA.

import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { DecodedFit, FitSession } from "./fit-decode.js";
import { decodeFit, hasActivityData } from "./fit-decode.js";
import { expandHrMessages, mergeBeatsIntoRecords } from "./fit-hr.js";
import type { RecordSpan, SessionHeader } from "./fit-session-window.js";
import { recordSpan, resolveSessionWindow } from "./fit-session-window.js";
import { fitExternalId, fitSource } from "./fit-source.js";
import { speedAndDistanceByRecord } from "./fit-speed-distance.js";
import type { FitClock } from "./fit-time.js";
import { fitClock } from "./fit-time.js";
import type { SessionInput, TimedRecord } from "./fit-workouts.js";
import { activityTypeOf, sessionEvents } from "./fit-workouts.js";

/**
 * The largest real activity files are a few MiB. The file is read whole; what bounds decode memory is the message
 * count (MAX_FIT_MESSAGES), checked before decoding; this cap only refuses absurd files before reading them.
 */
export const MAX_FIT_FILE_BYTES = 16 * 1024 * 1024;

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

function sessionHeader(session: FitSession): SessionHeader {
  const elapsedSec = session.total_elapsed_time ?? null;
  let startMs: number | null = null;
  if (session.start_time instanceof Date) startMs = session.start_time.getTime();
  else if (session.timestamp instanceof Date && elapsedSec !== null) startMs = session.timestamp.getTime() - elapsedSec * 1000;
  return { startMs, elapsedSec, timerSec: session.total_timer_time ?? null };
}

/**
 * Splits time-ordered items at the sessions' starts. The first session also owns whatever comes before it and the
 * last whatever comes after it, so no record is lost to a session header that is wrong.
 */
function partition<T>(items: readonly T[], timeOf: (item: T) => number | null, boundaries: readonly number[]): T[][] {
  const groups: T[][] = Array.from({ length: boundaries.length + 1 }, () => []);
  for (const item of items) {
    const tMs = timeOf(item);
    if (tMs === null) continue;
    let group = 0;
    while (group < boundaries.length && tMs >= (boundaries[group] ?? Infinity)) group++;
    groups[group]?.push(item);
  }
  return groups;
}

function spanOf(records: readonly TimedRecord[]): RecordSpan | null {
  return recordSpan(records.map((record) => record.decoderMs));
}

/** Each session owns the records from its start to the next session's start; its window is checked against them. */
function sessionInputs(decoded: DecodedFit, records: TimedRecord[]): SessionInput[] {
  const fallbackActivity = activityTypeOf(decoded.sports[0]?.sport, decoded.sports[0]?.sub_sport);
  const entries = decoded.sessions
    .map((session, index) => ({ session, index, header: sessionHeader(session) }))
    .map((entry) => ({ ...entry, sortMs: entry.header.startMs ?? records[0]?.decoderMs }))
    .filter((entry): entry is typeof entry & { sortMs: number } => entry.sortMs !== undefined)
    .sort((a, b) => a.sortMs - b.sortMs);
  if (entries.length === 0) {
    const window = resolveSessionWindow({ startMs: null, elapsedSec: null, timerSec: null }, spanOf(records));
    return window ? [{ session: null, index: 0, window, records, laps: decoded.laps, sets: decoded.sets, fallbackActivity }] : [];
  }
  const boundaries = entries.slice(1).map((entry) => entry.sortMs);
  const recordGroups = partition(records, (record) => record.decoderMs, boundaries);
  const lapGroups = partition(decoded.laps, (lap) => (lap.start_time instanceof Date ? lap.start_time.getTime() : null), boundaries);
  const setGroups = partition(decoded.sets, (set) => (set.start_time instanceof Date ? set.start_time.getTime() : null), boundaries);
  return entries.flatMap((entry, i) => {
    const owned = recordGroups[i] ?? [];
    const window = resolveSessionWindow(entry.header, spanOf(owned));
    if (!window) return [];
    return [
      { session: entry.session, index: entry.index, window, records: owned, laps: lapGroups[i] ?? [], sets: setGroups[i] ?? [], fallbackActivity },
    ];
  });
}

const FILE_KIND_LABELS: Record<string, string> = {
  activity: "an activity",
  monitoring_a: "a monitoring",
  monitoring_b: "a monitoring",
  monitoring_daily: "a monitoring",
  weight: "a weight-scale",
  blood_pressure: "a blood-pressure",
  totals: "a lifetime-totals",
  settings: "a settings",
  device: "a device",
  course: "a course",
  workout: "a workout-plan",
  segment: "a segment",
};

function unreadText(unread: ReadonlyMap<string, number>): string {
  const parts = [...unread].map(([name, count]) => `${count} ${name} message${count === 1 ? "" : "s"}`);
  return parts.length === 0 ? "" : `; it holds ${parts.join(", ")}, which wearsync does not read yet`;
}

/** A readable FIT file without sessions or records is NO_DATA, named by its file type and what it does hold. */
function assertActivityData(decoded: DecodedFit): void {
  if (hasActivityData(decoded)) return;
  const fileType = decoded.fileId?.type === undefined ? null : String(decoded.fileId.type);
  const kind = fileType === null ? "" : ` is ${FILE_KIND_LABELS[fileType] ?? `a "${fileType}"`} file (FIT file type "${fileType}") and`;
  const damage = decoded.damage.length > 0 ? ` The file is also damaged: ${decoded.damage.join("; ")}.` : "";
  throw new ParseError(
    "NO_DATA",
    `This FIT file${kind} has 0 activity records and no session${unreadText(decoded.unread)}.${damage}`,
    Object.fromEntries(decoded.unread),
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
  assertActivityData(decoded);
  const records = timedRecords(decoded);
  const inputs = sessionInputs(decoded, records);
  const clock: FitClock | string = fitClock(inputs[0]?.window.startMs ?? 0, decoded.activity, opts.timeZone);
  const events: ParseEvent[] = [...decoded.unread].map(([recordType, count]) => ({ kind: "skipped", recordType, count }));
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
