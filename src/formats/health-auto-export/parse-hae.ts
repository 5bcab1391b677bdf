// Health Auto Export JSON → samples and workouts. `parseHealthAutoExport` takes the already-parsed body
// of the app's REST automation; `parseHealthAutoExportFile` takes an uploaded export file.

import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { metricEvents } from "./hae-metrics.js";
import { firstIssue, haePayloadSchema } from "./hae-schema.js";
import { workoutEvents } from "./hae-workouts.js";

/** A year of per-minute metrics is ~100 MiB of JSON; beyond this JSON.parse memory becomes the risk. */
export const MAX_HAE_FILE_BYTES = 256 * 1024 * 1024;
const UTF8_BOM = "\uFEFF";

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

function decodeJson(buf: Uint8Array): unknown {
  if (buf.length === 0) throw new ParseError("EMPTY_FILE", "The file is empty.");
  if (buf.length > MAX_HAE_FILE_BYTES) {
    throw new ParseError("FILE_TOO_LARGE", `The file is larger than ${MAX_HAE_FILE_BYTES / 1024 / 1024} MiB.`);
  }
  let text = new TextDecoder("utf-8").decode(buf);
  if (text.startsWith(UTF8_BOM)) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ParseError("JSON_INVALID", `The file is not valid JSON: ${detail}`);
  }
}

/** Parses an uploaded HAE export file (UTF-8 JSON). */
export function* parseHealthAutoExportFile(buf: Uint8Array, opts: HaeParseOptions): Generator<ParseEvent> {
  yield* parseHealthAutoExport(decodeJson(buf), opts);
}
