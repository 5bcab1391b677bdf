// HAE metrics → ParsedSample. Values are already aggregated by the app (per minute/hour/day as the
// user configured), so each point is stored as an instant at its `date`.
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { firstIssue, haeHeartRatePointSchema, haeMetricSchema, haeQuantityPointSchema } from "./hae-schema.js";
import { HAE_SLEEP_METRIC, sleepPointEvents, sleepUnitRejection } from "./hae-sleep.js";
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

/** What a metric's name and units say about its points, decided once per metric. */
export type MetricPlan =
  | { kind: "read"; name: string; units: string; type: SampleType }
  /** `sleep_analysis`: each point is a night or a stage segment (hae-sleep.ts); night totals in a bad unit are counted. */
  | { kind: "sleep"; name: string; units: string; badUnitPoints: number }
  /** A metric this service does not read (blood pressure, …): counted per metric, never dropped silently. */
  | { kind: "skip"; name: string }
  | { kind: "bad-unit"; name: string; units: string };

export function planMetric(name: string, units: string): MetricPlan {
  if (name === HAE_SLEEP_METRIC) return { kind: "sleep", name, units, badUnitPoints: 0 };
  const type = METRIC_TO_SAMPLE[name];
  if (!type) return { kind: "skip", name };
  if (toCanonical(type, 1, units) === null) return { kind: "bad-unit", name, units };
  return { kind: "read", name, units, type };
}

/** The events of one point of a metric being read; none for the points of a skipped or unreadable metric. */
export function metricPointEvents(plan: MetricPlan, raw: unknown, where: string, nowMs: number): ParseEvent[] {
  if (plan.kind === "read") return [pointEvent(plan.type, plan.units, raw, where, nowMs, plan.name)];
  if (plan.kind !== "sleep") return [];
  const events = sleepPointEvents(plan.units, raw, where, nowMs);
  if (events !== "bad-unit") return events;
  plan.badUnitPoints++;
  return [];
}

/** What a metric says once all its `pointCount` points have been seen: skipped or unreadable points, counted. */
export function metricEndEvents(plan: MetricPlan, pointCount: number, where: string): ParseEvent[] {
  if (plan.kind === "sleep") {
    const rejection = sleepUnitRejection(plan.units, plan.badUnitPoints, where);
    return rejection ? [rejection] : [];
  }
  if (plan.kind === "skip") return pointCount > 0 ? [{ kind: "skipped", recordType: plan.name.slice(0, 128), count: pointCount }] : [];
  if (plan.kind === "bad-unit") {
    return [rejected(where, `The unit "${plan.units}" is not supported for ${plan.name}; its ${pointCount} points were not imported.`, plan.name)];
  }
  return [];
}

/** The rejection of a metric whose envelope is not HAE's, or null when it is well-formed. */
export function malformedMetric(raw: unknown, where: string): ParseEvent | null {
  const metric = haeMetricSchema.safeParse(raw);
  return metric.success ? null : rejected(where, `The metric is malformed (${firstIssue(metric.error)}).`, "metric");
}

/** Samples (and rejections) of one entry of `data.metrics`; metrics this service does not use are `skipped`. */
export function* metricEvents(raw: unknown, where: string, nowMs: number): Generator<ParseEvent> {
  const metric = haeMetricSchema.safeParse(raw);
  if (!metric.success) {
    yield rejected(where, `The metric is malformed (${firstIssue(metric.error)}).`, "metric");
    return;
  }
  const { name, units, data } = metric.data;
  const plan = planMetric(name, units);
  if (plan.kind === "read" || plan.kind === "sleep") {
    for (const [i, point] of data.entries()) yield* metricPointEvents(plan, point, `${where}.data[${i}]`, nowMs);
  }
  yield* metricEndEvents(plan, data.length, where);
}
