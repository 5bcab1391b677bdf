// Fitbit Takeout per-metric files → samples. One zod schema per file family; each entry is checked
// on its own so one bad entry is a rejection, not a failed file.
import { z } from "zod";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParsedSample, ParseEvent, SourceRef, WeightUnit } from "../contract.js";
import { fitbitWallTimeToUtcMs, localDayUtcMs, splitDateTime } from "./fitbit-time.js";

// International avoirdupois pound (1959 agreement), exact.
const KG_PER_LB = 0.45359237;
/** Intraday step counts are per minute. */
const STEP_BUCKET_MS = 60_000;

export const FITBIT_SOURCE: SourceRef = { name: "Fitbit", deviceType: "band", device: null };

export interface FitbitContext {
  timeZone: string;
  nowMs: number;
  weightUnit?: WeightUnit | null;
}

export function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

const numeric = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().finite());

export const restingHeartRateEntry = z.object({
  dateTime: z.string(),
  value: z.object({ date: z.string().optional(), value: numeric }),
});
export const heartRateEntry = z.object({ dateTime: z.string(), value: z.object({ bpm: numeric }) });
export const stepsEntry = z.object({ dateTime: z.string(), value: numeric });
export const weightEntry = z.object({
  logId: z.union([z.number(), z.string()]).optional(),
  weight: numeric,
  fat: numeric.optional(),
  date: z.string(),
  time: z.string().default("00:00:00"),
  source: z.string().optional(),
});

interface SampleDraft {
  type: SampleType;
  value: number;
  startMs: number;
  endMs: number;
  source: SourceRef;
}

function sampleEvent(draft: SampleDraft, ctx: FitbitContext, where: string): ParseEvent {
  const problem = implausibility(draft.type, draft.value, draft.startMs, draft.endMs, ctx.nowMs);
  if (problem) return rejected(where, `The value was not imported: ${problem}.`, draft.type);
  const sample: ParsedSample = { ...draft, utcOffsetMin: null };
  return { kind: "sample", sample };
}

function badTime(where: string, text: string, recordType: string): ParseEvent[] {
  return [rejected(where, `The time "${text}" is not in Fitbit's MM/DD/YY HH:mm:ss format.`, recordType)];
}

function instantOf(dateTime: string, ctx: FitbitContext): number | null {
  const [date, time] = splitDateTime(dateTime);
  return fitbitWallTimeToUtcMs(date, time, ctx.timeZone);
}

type Entry<S extends z.ZodType> = z.infer<S>;

export function restingHeartRateEvents(entry: Entry<typeof restingHeartRateEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  // Days without a reading are written with value 0; that is "no data", not a measurement.
  if (entry.value.value === 0) return [];
  const day = localDayUtcMs(entry.value.date ?? splitDateTime(entry.dateTime)[0], ctx.timeZone);
  if (!day) return badTime(where, entry.dateTime, "resting_heart_rate");
  return [sampleEvent({ type: "resting_heart_rate", value: entry.value.value, ...day, source: FITBIT_SOURCE }, ctx, where)];
}

export function heartRateEvents(entry: Entry<typeof heartRateEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  const tMs = instantOf(entry.dateTime, ctx);
  if (tMs === null) return badTime(where, entry.dateTime, "heart_rate");
  return [sampleEvent({ type: "heart_rate", value: entry.value.bpm, startMs: tMs, endMs: tMs, source: FITBIT_SOURCE }, ctx, where)];
}

export function stepsEvents(entry: Entry<typeof stepsEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  // Minutes without steps add nothing to any total; skipping them keeps a day at a few hundred rows.
  if (entry.value === 0) return [];
  const startMs = instantOf(entry.dateTime, ctx);
  if (startMs === null) return badTime(where, entry.dateTime, "steps");
  const endMs = startMs + STEP_BUCKET_MS;
  return [sampleEvent({ type: "steps", value: entry.value, startMs, endMs, source: FITBIT_SOURCE }, ctx, where)];
}

function weightSource(source: string | undefined): SourceRef {
  if (!source) return FITBIT_SOURCE;
  if (/aria|scale/i.test(source)) return { name: `Fitbit ${source}`, deviceType: "scale", device: source };
  return { name: `Fitbit (${source})`, deviceType: "manual", device: null };
}

export function weightEvents(entry: Entry<typeof weightEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  // Fitbit writes weight in the account's display unit and the file does not say which.
  if (!ctx.weightUnit) {
    const reason =
      "Fitbit writes weight in the account's unit and the file does not say which: set the profile's unit_system (metric: kg, imperial: lb) or upload the file again with ?weight_unit=kg or ?weight_unit=lb.";
    return [rejected(where, reason, "body_mass")];
  }
  const tMs = fitbitWallTimeToUtcMs(entry.date, entry.time, ctx.timeZone);
  if (tMs === null) return badTime(where, `${entry.date} ${entry.time}`, "body_mass");
  const source = weightSource(entry.source);
  const weightKg = ctx.weightUnit === "lb" ? entry.weight * KG_PER_LB : entry.weight;
  const events = [sampleEvent({ type: "body_mass", value: weightKg, startMs: tMs, endMs: tMs, source }, ctx, where)];
  if (entry.fat !== undefined) {
    events.push(sampleEvent({ type: "body_fat_percentage", value: entry.fat, startMs: tMs, endMs: tMs, source }, ctx, where));
  }
  return events;
}
