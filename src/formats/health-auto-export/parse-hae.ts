// Health Auto Export JSON → samples and workouts. `parseHealthAutoExport` takes the already-parsed body
// of the app's REST automation (bounded by the request body limit); uploaded files are streamed (hae-stream.ts).

import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { metricEvents } from "./hae-metrics.js";
import { firstIssue, haePayloadSchema } from "./hae-schema.js";
import { workoutEvents } from "./hae-workouts.js";

export interface HaeParseOptions {
  nowMs: number;
}

/** Parses a decoded HAE payload. Throws JSON_INVALID when the envelope is not HAE's. */
export function* parseHealthAutoExport(payload: unknown, opts: HaeParseOptions): Generator<ParseEvent> {
  const envelope = haePayloadSchema.safeParse(payload);
  if (!envelope.success) {
    throw new ParseError(
      "JSON_INVALID",
      `This is not a Health Auto Export payload (${firstIssue(envelope.error)}); expected {"data": {"metrics": [...], "workouts": [...]}}.`,
    );
  }
  const { data, workouts: strayWorkouts } = envelope.data;
  for (const [i, metric] of (data.metrics ?? []).entries()) {
    yield* metricEvents(metric, `data.metrics[${i}]`, opts.nowMs);
  }
  for (const [i, workout] of (data.workouts ?? []).entries()) {
    yield* workoutEvents(workout, `data.workouts[${i}]`, opts.nowMs);
  }
  for (const [i, workout] of (strayWorkouts ?? []).entries()) {
    yield* workoutEvents(workout, `workouts[${i}]`, opts.nowMs);
  }
}
