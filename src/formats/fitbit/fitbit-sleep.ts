// Fitbit sleep logs (`sleep-YYYY-MM-DD.json`, the Web API's sleep log entry): startTime/endTime and every
// levels.data[] segment are local wall times without an offset ("2024-03-19T23:12:30.000"), read in the account's zone.
// type "stages": deep, light, rem, wake; type "classic": asleep, restless, awake (Fitbit counts restless as awake).
// levels.shortData[] are wakes of 3 min or less that lie inside the long stages: Fitbit takes them out of the stage
// they sit in, so a segment's value is its minutes less those wakes, and each short wake is an awake sample.
import { z } from "zod";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import { utcOffsetMinAt, wallTimeToUtcMs } from "../../lib/zone.js";
import type { ParseEvent } from "../contract.js";
import { FITBIT_SOURCE, type FitbitContext, rejected } from "./fitbit-samples.js";

const RECORD_TYPE = "sleep";
const MS_PER_SEC = 1000;
const MS_PER_MIN = 60_000;

const STAGE_BY_LEVEL = new Map<string, SleepStageType>([
  ["deep", "sleep_deep"],
  ["light", "sleep_core"],
  ["rem", "sleep_rem"],
  ["wake", "sleep_awake"],
  ["asleep", "sleep_asleep"],
  ["restless", "sleep_awake"],
  ["awake", "sleep_awake"],
]);
// The tracker lost the wearer (off-wrist, low battery): Fitbit shows no stage and counts neither sleep nor wake.
const NOT_SCORED = "unknown";

const level = z.object({ dateTime: z.string(), level: z.string(), seconds: z.number().finite().nonnegative() });

export const sleepEntry = z.object({
  startTime: z.string(),
  endTime: z.string(),
  minutesAsleep: z.number().finite().nonnegative().optional(),
  levels: z.object({ data: z.array(level), shortData: z.array(level).optional() }).optional(),
});

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** "2024-03-19T23:12:30.000" in the account's zone → UTC epoch ms, or null when it is not that shape. */
export function fitbitIsoWallTimeToUtcMs(text: string, timeZone: string): number | null {
  const m = WALL_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms = "0"] = m;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, "0")));
  const back = new Date(wallMs);
  if (back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || back.getUTCMinutes() !== Number(mi)) return null;
  return wallTimeToUtcMs(wallMs, timeZone);
}

interface Span {
  startMs: number;
  endMs: number;
}

function overlapMs(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
}

function sample(type: SleepStageType, span: Span, value: number, ctx: FitbitContext, where: string): ParseEvent {
  const problem = implausibility(type, value, span.startMs, span.endMs, ctx.nowMs);
  if (problem) return rejected(where, `The sleep segment was not imported: ${problem}.`, RECORD_TYPE);
  const utcOffsetMin = utcOffsetMinAt(span.startMs, ctx.timeZone);
  return { kind: "sample", sample: { type, value, ...span, utcOffsetMin, source: FITBIT_SOURCE } };
}

function spanOf(point: z.infer<typeof level>, ctx: FitbitContext): Span | null {
  const startMs = fitbitIsoWallTimeToUtcMs(point.dateTime, ctx.timeZone);
  return startMs === null ? null : { startMs, endMs: startMs + point.seconds * MS_PER_SEC };
}

function shortWakes(entry: z.infer<typeof sleepEntry>, ctx: FitbitContext): Span[] {
  return (entry.levels?.shortData ?? []).flatMap((p) => {
    const span = p.level === "wake" ? spanOf(p, ctx) : null;
    return span && span.endMs > span.startMs ? [span] : [];
  });
}

/** One sleep log → its stage segments as sleep samples (a log without levels: its minutesAsleep over its span). */
export function sleepEvents(entry: z.infer<typeof sleepEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  if (!entry.levels) {
    const startMs = fitbitIsoWallTimeToUtcMs(entry.startTime, ctx.timeZone);
    const endMs = fitbitIsoWallTimeToUtcMs(entry.endTime, ctx.timeZone);
    if (startMs === null || endMs === null || entry.minutesAsleep === undefined) {
      return [rejected(where, "The sleep log has neither levels nor a startTime, endTime and minutesAsleep.", RECORD_TYPE)];
    }
    return [sample("sleep_asleep", { startMs, endMs }, entry.minutesAsleep, ctx, where)];
  }
  const wakes = shortWakes(entry, ctx);
  const events: ParseEvent[] = [];
  for (const [i, point] of entry.levels.data.entries()) {
    const at = `${where}.levels.data[${i}]`;
    if (point.level === NOT_SCORED || point.seconds === 0) continue;
    const type = STAGE_BY_LEVEL.get(point.level);
    const span = spanOf(point, ctx);
    if (type === undefined) events.push(rejected(at, `The level "${point.level.slice(0, 32)}" is not a Fitbit sleep level.`, RECORD_TYPE));
    else if (span === null)
      events.push(rejected(at, `The time "${point.dateTime.slice(0, 32)}" is not Fitbit's YYYY-MM-DDTHH:mm:ss.SSS.`, RECORD_TYPE));
    else {
      const wokeMs = type === "sleep_awake" ? 0 : wakes.reduce((sum, w) => sum + overlapMs(span, w), 0);
      events.push(sample(type, span, (span.endMs - span.startMs - wokeMs) / MS_PER_MIN, ctx, at));
    }
  }
  for (const wake of wakes) events.push(sample("sleep_awake", wake, (wake.endMs - wake.startMs) / MS_PER_MIN, ctx, `${where}.levels.shortData`));
  return events;
}
