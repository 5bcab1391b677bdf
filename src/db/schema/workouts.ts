import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { ENERGY_BASES } from "../../lib/vocabulary.js";
import { sources } from "./sources.js";
import { users } from "./users.js";

/** "device": the recorder's own summary value; "samples": computed from the workout's series. */
export const VALUE_SOURCES = ["device", "samples"] as const;

export const workouts = pgTable(
  "workouts",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sourceId: integer()
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    externalId: text(),
    activityType: text().notNull(),
    startAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    utcOffsetMin: smallint().notNull(),
    localDate: date({ mode: "string" }).notNull(),
    durationS: doublePrecision().notNull(),
    activeEnergyKcal: doublePrecision(),
    /**
     * "gross" when activeEnergyKcal is the whole burn over the workout (resting included: FIT, TCX, Fitbit, Strava,
     * Samsung), "net" when it is active energy only (HealthKit, the sync API, hand-logged).
     */
    energyBasis: text({ enum: ENERGY_BASES }).notNull().default("net"),
    distanceM: doublePrecision(),
    avgHrBpm: real(),
    maxHrBpm: real(),
    /** Where each summary value came from; null where there is no value (and on rows stored before it was kept). */
    durationSource: text({ enum: VALUE_SOURCES }),
    energySource: text({ enum: VALUE_SOURCES }),
    distanceSource: text({ enum: VALUE_SOURCES }),
    avgHrSource: text({ enum: VALUE_SOURCES }),
    maxHrSource: text({ enum: VALUE_SOURCES }),
    hrSampleCount: integer().notNull().default(0),
    /** Impossible points left out of each series (0 bpm, non-finite, outside the workout's time). */
    hrPointsDropped: integer().notNull().default(0),
    speedPointsDropped: integer().notNull().default(0),
    powerPointsDropped: integer().notNull().default(0),
    /** The device's own label ("HIIT" activity type), kept apart from what detection finds. */
    deviceLabeledHiit: boolean().notNull().default(false),
    importId: text(),
    /**
     * The format of the file the workout was first read from, kept on the row only when that import is not (a
     * restore from a wearsync export): activity grouping reads it before the import's (a platform's copy of a
     * device's record counts less than the device's own file).
     */
    recordFormat: text(),
    /**
     * Set when this row is another record of an activity that a better record (the representative) already
     * stands for: the row is kept, but only the representative counts. Null on representatives.
     */
    duplicateOf: text().references((): AnyPgColumn => workouts.id, { onDelete: "set null" }),
    /** Why the representative was preferred (src/modules/workouts/activity-grouping.ts DUPLICATE_REASONS). */
    duplicateReason: text(),
  },
  (t) => [
    uniqueIndex("workouts_external_key").on(t.userId, t.externalId).where(sql`${t.externalId} is not null`),
    uniqueIndex("workouts_natural_key").on(t.userId, t.sourceId, t.startAt, t.activityType).where(sql`${t.externalId} is null`),
    index("workouts_user_start_idx").on(t.userId, t.startAt.desc(), t.id.desc()),
    index("workouts_user_date_idx").on(t.userId, t.localDate),
    // Deleting a representative nulls its duplicates' reference: without this index each delete scans the table.
    index("workouts_duplicate_of_idx").on(t.duplicateOf).where(sql`${t.duplicateOf} is not null`),
  ],
);

export const STREAM_KINDS = ["heart_rate", "speed", "power"] as const;

/**
 * A workout's 1 Hz-ish streams as two parallel arrays per kind (offsets in ms from startAt, values), one row
 * per workout and kind: years of second-by-second data stay thousands of rows, not tens of millions.
 */
export const workoutStreams = pgTable(
  "workout_streams",
  {
    workoutId: text()
      .notNull()
      .references(() => workouts.id, { onDelete: "cascade" }),
    kind: text({ enum: STREAM_KINDS }).notNull(),
    offsetsMs: integer().array().notNull(),
    values: real().array().notNull(),
  },
  (t) => [primaryKey({ name: "workout_streams_pkey", columns: [t.workoutId, t.kind] })],
);

export type WorkoutRow = typeof workouts.$inferSelect;
