import type { Deps } from "../../deps.js";
import { UnprocessableError } from "../../lib/errors.js";
import { parseHealthAutoExport } from "../ingest/parsers/health-auto-export/parse-hae.js";
import { ParseError, type ParsedSample, type ParsedWorkout } from "../ingest/parsers/types.js";
import { type IngestResult, ingestItems, type RejectedItem } from "./ingest-items.js";

/**
 * The Health Auto Export app's own automatic push (its REST API automation), taken exactly as the app sends it.
 * Re-sent windows are harmless: every item lands on its natural key.
 */
export async function ingestHealthAutoExportPush(deps: Deps, userId: string, payload: unknown): Promise<IngestResult> {
  const samples: ParsedSample[] = [];
  const workouts: ParsedWorkout[] = [];
  const rejected: RejectedItem[] = [];
  try {
    for (const event of parseHealthAutoExport(payload, { nowMs: deps.clock.now().getTime() })) {
      if (event.kind === "sample") samples.push(event.sample);
      else if (event.kind === "workout") workouts.push(event.workout);
      else if (event.kind === "rejected") rejected.push({ index: rejected.length, path: event.rejection.where, reason: event.rejection.reason });
    }
  } catch (err) {
    if (err instanceof ParseError) throw new UnprocessableError(err.message, err.code);
    throw err;
  }
  return ingestItems(deps, userId, { samples, workouts, rejected });
}
