// Health Auto Export files streamed point by point: a year of per-minute metrics is hundreds of MB of JSON, and
// JSON.parse of it would hold the whole document (several times its size) in memory. The streaming reader hands
// over one data point or one workout at a time and forgets it, so memory stays bounded by one chunk plus one
// workout, whatever the file's size.

import type { ParsedElementInfo } from "@streamparser/json";
import { dropHandedOver, streamJsonValues } from "../common/json-stream.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { type MetricPlan, malformedMetric, metricEndEvents, metricPointEvents, planMetric } from "./hae-metrics.js";
import { workoutEvents } from "./hae-workouts.js";

const METRICS = "$.data.metrics";
const WORKOUTS = "$.data.workouts";
const STRAY_WORKOUTS = "$.workouts";

/** One entry of `data.metrics` while its points stream past. */
interface MetricState {
  index: number;
  plan: MetricPlan | null;
  points: number;
  /** Points seen before the metric's name and units (HAE writes those first; held only for files that do not). */
  early: unknown[];
}

export interface HaeStreamOptions {
  nowMs: number;
}

function jsonInvalid(detail: string): ParseError {
  return new ParseError(
    "JSON_INVALID",
    `This is not a Health Auto Export file (${detail}); expected {"data": {"metrics": [...], "workouts": [...]}}.`,
  );
}

function planOf(metric: unknown): MetricPlan | null {
  if (typeof metric !== "object" || metric === null) return null;
  const { name, units } = metric as { name?: unknown; units?: unknown };
  return typeof name === "string" && name.length > 0 && typeof units === "string" ? planMetric(name, units) : null;
}

class HaeStreamReader {
  /** Where the events of the value being handed over go (the stream's pending events). */
  out: ParseEvent[] = [];
  private metric: MetricState | null = null;
  private sawEnvelope = false;

  constructor(private readonly nowMs: number) {}

  onValue(info: ParsedElementInfo): void {
    const depth = info.stack.length;
    // The paths asked for, by depth (keys after "$"): 5 a point of data.metrics.*.data; 3 a metric or a workout of
    // data.workouts; 2 a stray workout of workouts.* or one of the lists data.metrics, data.workouts; 1 workouts.
    if (depth === 5) this.onPoint(info);
    else if (depth === 3 && info.stack[2]?.key === "metrics") this.onMetricEnd(info);
    else if (depth === 3) this.onWorkout(info, "data.workouts");
    else if (depth === 2 && info.stack[1]?.key === "workouts") this.onWorkout(info, "workouts");
    else this.onList(info);
  }

  private onPoint({ value, key, parent, stack }: ParsedElementInfo): void {
    dropHandedOver(parent, key);
    if (!Array.isArray(parent)) return;
    const index = Number(stack[3]?.key);
    if (this.metric?.index !== index) this.metric = { index, plan: null, points: 0, early: [] };
    const state = this.metric;
    state.plan ??= planOf(stack[4]?.value);
    const where = `data.metrics[${index}].data[${state.points}]`;
    state.points++;
    if (state.plan === null) state.early.push(value);
    else for (const event of metricPointEvents(state.plan, value, where, this.nowMs)) this.push(event);
  }

  private onMetricEnd({ value, key, parent }: ParsedElementInfo): void {
    dropHandedOver(parent, key);
    const index = Number(key);
    const where = `data.metrics[${index}]`;
    const state = this.metric?.index === index ? this.metric : { index, plan: null, points: 0, early: [] };
    this.metric = null;
    const malformed = malformedMetric(value, where);
    if (malformed) {
      this.push(malformed);
      return;
    }
    const plan = state.plan ?? planOf(value);
    if (!plan) return;
    for (const [i, point] of state.early.entries()) {
      for (const event of metricPointEvents(plan, point, `${where}.data[${i}]`, this.nowMs)) this.push(event);
    }
    for (const event of metricEndEvents(plan, state.points, where)) this.push(event);
  }

  private onWorkout({ value, key, parent }: ParsedElementInfo, list: string): void {
    dropHandedOver(parent, key);
    for (const event of workoutEvents(value, `${list}[${String(key)}]`, this.nowMs)) this.push(event);
  }

  private onList({ value, key }: ParsedElementInfo): void {
    if (!Array.isArray(value)) throw jsonInvalid(`"${String(key)}" is not a list`);
    this.sawEnvelope = true;
  }

  end(): void {
    if (!this.sawEnvelope) throw jsonInvalid("no data.metrics or data.workouts list");
  }

  private push(event: ParseEvent | null): void {
    if (event) this.out.push(event);
  }
}

/** Parses a Health Auto Export file from its byte chunks, yielding as it reads. */
export async function* parseHealthAutoExportStream(chunks: AsyncIterable<Uint8Array>, opts: HaeStreamOptions): AsyncGenerator<ParseEvent> {
  const reader = new HaeStreamReader(opts.nowMs);
  const paths = [METRICS, WORKOUTS, STRAY_WORKOUTS, `${METRICS}.*`, `${METRICS}.*.data.*`, `${WORKOUTS}.*`, `${STRAY_WORKOUTS}.*`];
  yield* streamJsonValues<ParseEvent>(
    chunks,
    paths,
    (info, pending) => {
      reader.out = pending;
      reader.onValue(info);
    },
    "The file",
  );
  reader.end();
}
