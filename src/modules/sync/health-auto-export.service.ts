import type { Deps } from "../../deps.js";
import { type ParsedSample, type ParsedWorkout, ParseError, parseHealthAutoExport } from "../../formats/index.js";
import { UnprocessableError } from "../../lib/errors.js";
import { type DroppedPointsItem, droppedPointsItem, type IngestResult, ingestItems, type RejectedItem } from "./ingest-items.service.js";

/** "data.workouts[3]" → 3: the workout's position in the payload, as the parser names it. */
function indexOf(where: string | undefined, fallback: number): number {
  const match = /\[(\d+)\]$/.exec(where ?? "");
  return match ? Number(match[1]) : fallback;
}

/**
 * The Health Auto Export app's own automatic push (its REST API automation), taken exactly as the app sends it.
 * Re-sent windows are harmless: every item lands on its natural key.
 */
export async function ingestHealthAutoExportPush(deps: Deps, userId: string, payload: unknown): Promise<IngestResult> {
  const samples: ParsedSample[] = [];
  const workouts: ParsedWorkout[] = [];
  const rejected: RejectedItem[] = [];
  const dropped: DroppedPointsItem[] = [];
  try {
    for (const event of parseHealthAutoExport(payload, { nowMs: deps.clock.now().getTime() })) {
      if (event.kind === "sample") samples.push(event.sample);
      else if (event.kind === "workout") {
        const lost = droppedPointsItem(event.workout, indexOf(event.where, workouts.length), event.where ?? `workouts[${workouts.length}]`);
        if (lost) dropped.push(lost);
        workouts.push(event.workout);
      } else if (event.kind === "rejected") rejected.push({ index: rejected.length, path: event.rejection.where, reason: event.rejection.reason });
    }
  } catch (err) {
    if (err instanceof ParseError) throw new UnprocessableError(err.message, err.code);
    throw err;
  }
  return ingestItems(deps, userId, { samples, workouts, rejected, dropped });
}
