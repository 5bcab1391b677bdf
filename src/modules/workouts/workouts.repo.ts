import { and, asc, desc, eq, gte, lt, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { sources, workoutStreams, workouts } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";

const workoutWithSource = {
  workout: workouts,
  source: { name: sources.name, deviceType: sources.deviceType, device: sources.device },
};

export async function listWorkouts(
  db: DbOrTx,
  userId: string,
  q: { from: string | undefined; to: string | undefined; limit: number; after?: CursorPosition },
) {
  const after = q.after;
  const afterClause = after
    ? or(lt(workouts.startAt, new Date(after.sortKey)), and(eq(workouts.startAt, new Date(after.sortKey)), lt(workouts.id, after.id)))
    : undefined;
  return db
    .select(workoutWithSource)
    .from(workouts)
    .innerJoin(sources, eq(sources.id, workouts.sourceId))
    .where(
      and(
        eq(workouts.userId, userId),
        q.from === undefined ? undefined : gte(workouts.localDate, q.from),
        q.to === undefined ? undefined : lte(workouts.localDate, q.to),
        afterClause,
      ),
    )
    .orderBy(desc(workouts.startAt), desc(workouts.id))
    .limit(q.limit);
}

export async function findWorkout(db: DbOrTx, userId: string, workoutId: string) {
  const [row] = await db
    .select(workoutWithSource)
    .from(workouts)
    .innerJoin(sources, eq(sources.id, workouts.sourceId))
    .where(and(eq(workouts.id, workoutId), eq(workouts.userId, userId)))
    .limit(1);
  return row;
}

export async function findStreams(db: DbOrTx, workoutId: string) {
  return db.select().from(workoutStreams).where(eq(workoutStreams.workoutId, workoutId)).orderBy(asc(workoutStreams.kind));
}

export type WorkoutWithSource = NonNullable<Awaited<ReturnType<typeof findWorkout>>>;
