import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { pastCursor, withinDates } from "../../db/keyset.js";
import { sources, workoutSets, workoutStreams, workouts } from "../../db/schema/index.js";
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
  return db
    .select(workoutWithSource)
    .from(workouts)
    .innerJoin(sources, eq(sources.id, workouts.sourceId))
    .where(
      and(eq(workouts.userId, userId), withinDates(workouts.localDate, q.from, q.to), pastCursor(workouts.startAt, workouts.id, q.after, "desc")),
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

export async function findSets(db: DbOrTx, workoutId: string) {
  return db.select().from(workoutSets).where(eq(workoutSets.workoutId, workoutId)).orderBy(asc(workoutSets.setIndex));
}

export type WorkoutSetRow = Awaited<ReturnType<typeof findSets>>[number];

/** The fields PATCH changes; scoped by user. Returns false when the user has no such workout. */
export async function updateWorkout(
  db: DbOrTx,
  userId: string,
  workoutId: string,
  values: Partial<
    Pick<
      typeof workouts.$inferInsert,
      "activityType" | "startAt" | "endAt" | "utcOffsetMin" | "localDate" | "durationS" | "durationSource" | "activeEnergyKcal" | "energySource"
    >
  >,
): Promise<boolean> {
  if (Object.keys(values).length === 0) return true;
  const rows = await db
    .update(workouts)
    .set(values)
    .where(and(eq(workouts.id, workoutId), eq(workouts.userId, userId)))
    .returning({ id: workouts.id });
  return rows.length > 0;
}

export type WorkoutWithSource = NonNullable<Awaited<ReturnType<typeof findWorkout>>>;
