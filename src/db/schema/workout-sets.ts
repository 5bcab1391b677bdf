import { integer, pgTable, primaryKey, real, text } from "drizzle-orm/pg-core";
import { workouts } from "./workouts.js";

/**
 * The sets of a strength workout, keyed by workout and position: a re-import or a re-sent sync overwrites them on
 * that key, and a shorter list removes the sets past its end (src/modules/ingest/workout-sets.repo.ts).
 */
export const workoutSets = pgTable(
  "workout_sets",
  {
    workoutId: text()
      .notNull()
      .references(() => workouts.id, { onDelete: "cascade" }),
    setIndex: integer().notNull(),
    /** The catalogue key (src/domain/training/exercise-catalogue.ts), or the text as given for an exercise it lacks. */
    exercise: text().notNull(),
    /** The MET class that prices the set's effort (chosen by the person, else the catalogue's, else the default). */
    metClass: text().notNull(),
    reps: integer(),
    weightKg: real(),
    durationS: real(),
    rpe: real(),
    /** Seconds from the workout's start to the set's start, when the recorder wrote it (FIT). */
    startOffsetS: real(),
  },
  (t) => [primaryKey({ name: "workout_sets_pkey", columns: [t.workoutId, t.setIndex] })],
);
