import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users.js";
import { workouts } from "./workouts.js";

/** Seconds spent in each ACSM intensity band (light, moderate, vigorous, near-maximal). */
export type BandSeconds = Record<string, number>;

/**
 * The outcome of running the detector over one heart-rate stream: a workout's, or a day's heart rate outside
 * workouts (workout_id null). Re-detection replaces it whole when the method version or HRmax changes.
 */
export const hiitAnalyses = pgTable(
  "hiit_analyses",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workoutId: text().references(() => workouts.id, { onDelete: "cascade" }),
    /** For day-level analyses: the local date whose out-of-workout heart rate was analysed. */
    localDate: date({ mode: "string" }).notNull(),
    isHiit: boolean().notNull(),
    hrMaxBpm: real().notNull(),
    /** "profile" | "observed" | "tanaka": where HRmax came from. */
    hrMaxSource: text().notNull(),
    thresholdBpm: real().notNull(),
    bandSeconds: jsonb().$type<BandSeconds>().notNull(),
    methodVersion: text().notNull(),
    analyzedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    uniqueIndex("hiit_analyses_workout_key").on(t.workoutId).where(sql`${t.workoutId} is not null`),
    uniqueIndex("hiit_analyses_day_key").on(t.userId, t.localDate).where(sql`${t.workoutId} is null`),
  ],
);

export const hiitSessions = pgTable(
  "hiit_sessions",
  {
    id: text().primaryKey(),
    analysisId: text()
      .notNull()
      .references(() => hiitAnalyses.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workoutId: text().references(() => workouts.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    startAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    utcOffsetMin: smallint().notNull(),
    bouts: integer().notNull(),
    workSeconds: real().notNull(),
    recoverySeconds: real().notNull(),
    thresholdBpm: real().notNull(),
    hrMaxBpm: real().notNull(),
    bandSeconds: jsonb().$type<BandSeconds>().notNull(),
    methodVersion: text().notNull(),
  },
  (t) => [index("hiit_sessions_user_start_idx").on(t.userId, t.startAt), index("hiit_sessions_user_date_idx").on(t.userId, t.localDate)],
);

export const hiitIntervals = pgTable(
  "hiit_intervals",
  {
    sessionId: text()
      .notNull()
      .references(() => hiitSessions.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    startAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    peakBpm: real().notNull(),
    meanBpm: real().notNull(),
  },
  (t) => [primaryKey({ name: "hiit_intervals_pkey", columns: [t.sessionId, t.position] })],
);
