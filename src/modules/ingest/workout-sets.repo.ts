import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { workoutSets } from "../../db/schema/index.js";
import type { ParsedSet } from "../../formats/index.js";

/**
 * Makes the stored sets of a workout exactly `sets`: one INSERT … ON CONFLICT on (workout, set index) for all of
 * them, then the sets past the new end removed. Rerunning it changes nothing.
 */
export async function replaceWorkoutSets(tx: DbOrTx, workoutId: string, sets: readonly ParsedSet[]): Promise<void> {
  if (sets.length > 0) {
    await tx
      .insert(workoutSets)
      .values(
        sets.map((s, setIndex) => ({
          workoutId,
          setIndex,
          exercise: s.exercise,
          metClass: s.metClass,
          reps: s.reps,
          weightKg: s.weightKg,
          durationS: s.durationS,
          rpe: s.rpe,
          startOffsetS: s.startOffsetS,
        })),
      )
      .onConflictDoUpdate({
        target: [workoutSets.workoutId, workoutSets.setIndex],
        set: {
          exercise: sql`excluded.exercise`,
          metClass: sql`excluded.met_class`,
          reps: sql`excluded.reps`,
          weightKg: sql`excluded.weight_kg`,
          durationS: sql`excluded.duration_s`,
          rpe: sql`excluded.rpe`,
          startOffsetS: sql`excluded.start_offset_s`,
        },
      });
  }
  await tx.delete(workoutSets).where(and(eq(workoutSets.workoutId, workoutId), gte(workoutSets.setIndex, sets.length)));
}
