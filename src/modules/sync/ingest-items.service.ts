import type { Deps } from "../../deps.js";
import type { ParsedSample, ParsedWorkout } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { NotFoundError } from "../../lib/errors.js";
import { findUser } from "../accounts/index.js";
import { enqueueHiitAfterIngest } from "../hiit/index.js";
import { IngestWriter } from "../ingest/index.js";
import { regroupAfterWrite } from "../workouts/index.js";

export interface RejectedItem {
  index: number;
  path: string;
  reason: string;
}

/** A kept workout that lost impossible points, as the sync answer reports it. */
export interface DroppedPointsItem {
  index: number;
  path: string;
  heart_rate: number;
  speed: number;
  power: number;
}

export interface IngestResult {
  accepted: number;
  duplicate: number;
  rejected: number;
  rejected_items: RejectedItem[];
  dropped_points: DroppedPointsItem[];
}

/** The answer's entry for a workout that lost points, or null when it lost none. */
export function droppedPointsItem(workout: ParsedWorkout, index: number, path: string): DroppedPointsItem | null {
  const { heartRate, speed, power } = workout.pointsDropped;
  if (heartRate + speed + power === 0) return null;
  return { index, path, heart_rate: heartRate, speed, power };
}

/** Writes already-validated items for a user and queues the recompute of every local day they touch. */
export async function ingestItems(
  deps: Deps,
  userId: string,
  items: { samples: ParsedSample[]; workouts: ParsedWorkout[]; rejected: RejectedItem[]; dropped: DroppedPointsItem[] },
): Promise<IngestResult> {
  const user = await findUser(deps, userId);
  if (!user) throw new NotFoundError("user");
  const writer = new IngestWriter(deps, { userId, importId: null, timeZone: user.timeZone, nowMs: deps.clock.now().getTime() });
  const effects = await writer.write({ samples: items.samples, workouts: items.workouts });
  await regroupAfterWrite(deps, userId, effects.workoutIds);
  await enqueueDayRecomputes(deps, userId, effects.localDates).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "sync.recompute-not-enqueued"),
  );
  await enqueueHiitAfterIngest(deps, userId, effects).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "sync.hiit-detection-not-enqueued"),
  );
  const valid = items.samples.length + items.workouts.length;
  const accepted = effects.insertedSamples + effects.insertedWorkouts;
  return {
    accepted,
    duplicate: valid - accepted,
    rejected: items.rejected.length,
    rejected_items: items.rejected,
    dropped_points: items.dropped,
  };
}
