import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { workoutStreams, workouts } from "../../db/schema/index.js";
import type { ParsedWorkout } from "../../formats/index.js";
import { newId } from "../../lib/ids.js";
import { replaceWorkoutSets } from "./workout-sets.repo.js";

export interface WorkoutContext {
  userId: string;
  importId: string | null;
  sourceId: number;
  utcOffsetMin: number;
  localDate: string;
  nowMs: number;
}

function stream(startMs: number, points: { tMs: number; value: number }[]) {
  return { offsetsMs: points.map((p) => Math.round(p.tMs - startMs)), values: points.map((p) => p.value) };
}

/**
 * Upserts one workout on its natural key (external id, else source + start + type) and its streams. Summary
 * values arrive resolved (device first, samples second) with their provenance, see src/domain/records/summary-provenance.ts.
 * The no-op update makes RETURNING give the existing id on a re-import, so streams attach to the same row. Run it
 * in a transaction: the workout, its streams and its sets are written together.
 */
export async function writeWorkout(tx: DbOrTx, w: ParsedWorkout, ctx: WorkoutContext): Promise<{ id: string; created: boolean }> {
  const values = {
    id: newId("wkt", ctx.nowMs),
    userId: ctx.userId,
    sourceId: ctx.sourceId,
    externalId: w.externalId,
    activityType: w.activityType,
    startAt: new Date(w.startMs),
    endAt: new Date(w.endMs),
    utcOffsetMin: ctx.utcOffsetMin,
    localDate: ctx.localDate,
    durationS: w.durationSec,
    activeEnergyKcal: w.activeEnergyKcal,
    energyBasis: w.energyBasis,
    distanceM: w.distanceM,
    avgHrBpm: w.avgHrBpm,
    maxHrBpm: w.maxHrBpm,
    durationSource: w.provenance.durationSec,
    energySource: w.provenance.activeEnergyKcal,
    distanceSource: w.provenance.distanceM,
    avgHrSource: w.provenance.avgHrBpm,
    maxHrSource: w.provenance.maxHrBpm,
    hrSampleCount: w.heartRate.length,
    hrPointsDropped: w.pointsDropped.heartRate,
    speedPointsDropped: w.pointsDropped.speed,
    powerPointsDropped: w.pointsDropped.power,
    deviceLabeledHiit: w.activityType === "hiit",
    importId: ctx.importId,
    recordFormat: w.recordFormat ?? null,
  };
  const conflict =
    w.externalId !== null
      ? { target: [workouts.userId, workouts.externalId], targetWhere: sql`${workouts.externalId} is not null` }
      : {
          target: [workouts.userId, workouts.sourceId, workouts.startAt, workouts.activityType],
          targetWhere: sql`${workouts.externalId} is null`,
        };
  const [row] = await tx
    .insert(workouts)
    .values(values)
    // A synced copy of an imported workout becomes the app's own (kept if that import is deleted).
    .onConflictDoUpdate({ ...conflict, set: { importId: sql`case when excluded.import_id is null then null else ${workouts.importId} end` } })
    .returning({ id: workouts.id, created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error("workout upsert returned no row");
  const streams = [
    {
      kind: "heart_rate" as const,
      ...stream(
        w.startMs,
        w.heartRate.map((p) => ({ tMs: p.tMs, value: p.bpm })),
      ),
    },
    { kind: "speed" as const, ...stream(w.startMs, w.speedMps) },
    { kind: "power" as const, ...stream(w.startMs, w.powerW) },
  ].filter((s) => s.values.length > 0);
  if (streams.length > 0) {
    await tx
      .insert(workoutStreams)
      .values(streams.map((s) => ({ workoutId: row.id, ...s })))
      .onConflictDoNothing();
  }
  // Sets sent again replace the stored ones; a record without sets (a device copy of a hand log) leaves them.
  if (w.sets.length > 0) await replaceWorkoutSets(tx, row.id, w.sets);
  return row;
}
