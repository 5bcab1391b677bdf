// HAE metrics → ParsedSample. Values are already aggregated by the app (per minute/hour/day as the
// user configured), so each point is stored as an instant at its `date`.
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { firstIssue, haeHeartRatePointSchema, haeMetricSchema, haeQuantityPointSchema } from "./hae-schema.js";
import { HAE_SLEEP_METRIC, sleepEvents } from "./hae-sleep.js";
import { haeSource, parseHaeDate, toCanonical } from "./hae-values.js";

const METRIC_TO_SAMPLE: Record<string, SampleType> = {
  active_energy: "active_energy",
  basal_energy_burned: "basal_energy",
  step_count: "steps",
  heart_rate: "heart_rate",
  resting_heart_rate: "resting_heart_rate",
  dietary_energy: "dietary_energy",
  weight_body_mass: "body_mass",
  body_fat_percentage: "body_fat_percentage",
  walking_running_distance: "distance",
};

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function pointValue(type: SampleType, raw: unknown) {
  if (type === "heart_rate") {
    const parsed = haeHeartRatePointSchema.safeParse(raw);
    if (!parsed.success) return { problem: firstIssue(parsed.error) } as const;
    return { date: parsed.data.date, qty: parsed.data.Avg ?? parsed.data.qty ?? Number.NaN, source: parsed.data.source } as const;
  }
  const parsed = haeQuantityPointSchema.safeParse(raw);
  if (!parsed.success) return { problem: firstIssue(parsed.error) } as const;
  return parsed.data;
}

function pointEvent(type: SampleType, units: string, raw: unknown, where: string, nowMs: number, metricName: string): ParseEvent {
  const point = pointValue(type, raw);
  if ("problem" in point) return rejected(where, `The data point is malformed (${point.problem}).`, metricName);
  const instant = parseHaeDate(point.date);
  if (!instant) return rejected(where, `The date "${point.date}" is not in a recognised format.`, metricName);
  const value = toCanonical(type, point.qty, units);
  if (value === null) return rejected(where, `The unit "${units}" is not supported for ${metricName}.`, metricName);
  const problem = implausibility(type, value, instant.ms, instant.ms, nowMs);
  if (problem) return rejected(where, `The value was not imported: ${problem}.`, metricName);
  const sample = {
    type,
    startMs: instant.ms,
    endMs: instant.ms,
    utcOffsetMin: instant.utcOffsetMin,
    value,
    source: haeSource(point.source),
  };
  return { kind: "sample", sample };
}

/** Samples (and rejections) of one entry of `data.metrics`; metrics this service does not use are `skipped`. */
export function* metricEvents(raw: unknown, where: string, nowMs: number): Generator<ParseEvent> {
  const metric = haeMetricSchema.safeParse(raw);
  if (!metric.success) {
    yield rejected(where, `The metric is malformed (${firstIssue(metric.error)}).`, "metric");
    return;
  }
  const { name, units, data } = metric.data;
  if (name === HAE_SLEEP_METRIC) {
    yield* sleepEvents(units, data, where, nowMs);
    return;
  }
  const type = METRIC_TO_SAMPLE[name];
  if (!type) {
    // A metric this service does not read (blood pressure, …): counted per metric, never dropped silently.
    if (data.length > 0) yield { kind: "skipped", recordType: name.slice(0, 128), count: data.length };
    return;
  }
  if (toCanonical(type, 1, units) === null) {
    yield rejected(where, `The unit "${units}" is not supported for ${name}; its ${data.length} points were not imported.`, name);
    return;
  }
  for (const [i, point] of data.entries()) yield pointEvent(type, units, point, `${where}.data[${i}]`, nowMs, name);
}
