// HAE `sleep_analysis`, in both of the app's shapes:
// - aggregated (one point per night): stage totals in `units` with sleepStart/sleepEnd (and inBedStart/inBedEnd);
//   each stage becomes one sample over the night's span whose value is that stage's minutes;
// - unaggregated (one point per segment): startDate/endDate and the stage name in `value`; minutes = the span.
import { z } from "zod";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import type { ParsedSample, ParseEvent } from "../contract.js";
import { firstIssue } from "./hae-schema.js";
import { haeSource, parseHaeDate, toCanonical } from "./hae-values.js";

export const HAE_SLEEP_METRIC = "sleep_analysis";

const amount = z.number().finite().nonnegative().optional();

const aggregatedSchema = z.object({
  sleepStart: z.string(),
  sleepEnd: z.string(),
  inBedStart: z.string().optional(),
  inBedEnd: z.string().optional(),
  inBed: amount,
  asleep: amount,
  core: amount,
  deep: amount,
  rem: amount,
  awake: amount,
  totalSleep: amount,
  source: z.string().optional(),
});

const segmentSchema = z.object({
  startDate: z.string(),
  endDate: z.string(),
  value: z.string(),
  source: z.string().optional(),
});

const STAGE_BY_NAME = new Map<string, SleepStageType>([
  ["in bed", "sleep_in_bed"],
  ["inbed", "sleep_in_bed"],
  ["asleep", "sleep_asleep"],
  ["unspecified", "sleep_asleep"],
  ["core", "sleep_core"],
  ["deep", "sleep_deep"],
  ["rem", "sleep_rem"],
  ["awake", "sleep_awake"],
]);

const AGGREGATED_FIELDS = [
  ["asleep", "sleep_asleep"],
  ["core", "sleep_core"],
  ["deep", "sleep_deep"],
  ["rem", "sleep_rem"],
  ["awake", "sleep_awake"],
] as const;

const MS_PER_MIN = 60_000;

function rejected(where: string, reason: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType: HAE_SLEEP_METRIC } };
}

function span(startText: string, endText: string) {
  const start = parseHaeDate(startText);
  const end = parseHaeDate(endText);
  return start && end ? { startMs: start.ms, endMs: end.ms, utcOffsetMin: start.utcOffsetMin } : null;
}

function checked(sample: ParsedSample, where: string, nowMs: number): ParseEvent {
  const problem = implausibility(sample.type, sample.value, sample.startMs, sample.endMs, nowMs);
  return problem ? rejected(where, `The sleep record was not imported: ${problem}.`) : { kind: "sample", sample };
}

function* aggregatedEvents(point: z.infer<typeof aggregatedSchema>, units: string, where: string, nowMs: number): Generator<ParseEvent> {
  const night = span(point.sleepStart, point.sleepEnd);
  if (!night) return yield rejected(where, `The dates "${point.sleepStart}" / "${point.sleepEnd}" are not in a recognised format.`);
  const source = haeSource(point.source);
  const minutes = (amountInUnits: number | undefined) => (amountInUnits === undefined ? 0 : (toCanonical("sleep_asleep", amountInUnits, units) ?? 0));
  const staged = AGGREGATED_FIELDS.filter(([field]) => minutes(point[field]) > 0);
  // Older app versions wrote only totalSleep; it is the asleep total, never added to the stages it sums.
  const stages =
    staged.length > 0
      ? staged.map(([field, type]) => [minutes(point[field]), type] as const)
      : [[minutes(point.totalSleep), "sleep_asleep"] as const];
  for (const [value, type] of stages) {
    if (value > 0) yield checked({ type, ...night, value, source }, where, nowMs);
  }
  const inBedMin = minutes(point.inBed);
  if (inBedMin <= 0) return;
  const bed = point.inBedStart && point.inBedEnd ? span(point.inBedStart, point.inBedEnd) : night;
  if (!bed) return yield rejected(where, `The dates "${point.inBedStart}" / "${point.inBedEnd}" are not in a recognised format.`);
  yield checked({ type: "sleep_in_bed", ...bed, value: inBedMin, source }, where, nowMs);
}

function segmentEvent(point: z.infer<typeof segmentSchema>, where: string, nowMs: number): ParseEvent {
  const type = STAGE_BY_NAME.get(point.value.trim().toLowerCase());
  if (!type) return rejected(where, `"${point.value.slice(0, 64)}" is not a known sleep stage.`);
  const segment = span(point.startDate, point.endDate);
  if (!segment) return rejected(where, `The dates "${point.startDate}" / "${point.endDate}" are not in a recognised format.`);
  const value = (segment.endMs - segment.startMs) / MS_PER_MIN;
  return checked({ type, ...segment, value, source: haeSource(point.source) }, where, nowMs);
}

/**
 * The events of one point of a `sleep_analysis` metric, in whichever shape it has; "bad-unit" for a night total in a
 * unit that is not supported (counted, and rejected once for the metric by `sleepUnitRejection`).
 */
export function sleepPointEvents(units: string, raw: unknown, at: string, nowMs: number): ParseEvent[] | "bad-unit" {
  const segment = segmentSchema.safeParse(raw);
  if (segment.success) return [segmentEvent(segment.data, at, nowMs)];
  const night = aggregatedSchema.safeParse(raw);
  if (!night.success) return [rejected(at, `The sleep point is malformed (${firstIssue(night.error)}).`)];
  if (toCanonical("sleep_asleep", 1, units) === null) return "bad-unit";
  return [...aggregatedEvents(night.data, units, at, nowMs)];
}

/** One rejection for the night totals of a metric whose unit is not supported, or null when there were none. */
export function sleepUnitRejection(units: string, badPoints: number, where: string): ParseEvent | null {
  if (badPoints === 0) return null;
  return rejected(where, `The unit "${units}" is not supported for ${HAE_SLEEP_METRIC}; its ${badPoints} points were not imported.`);
}
