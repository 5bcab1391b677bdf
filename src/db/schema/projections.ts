import { date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { TrajectoryPoint } from "../../domain/projections/week-projection.js";
import { users } from "./users.js";

export const PROJECTION_MODELS = ["rule3500", "dynamic"] as const;
export const PROJECTION_STATUSES = ["projected", "insufficient_data"] as const;

/** One row per user, local ISO week (Monday) and model; rewritten whole whenever a day of the week changes. */
export const weeklyProjections = pgTable(
  "weekly_projections",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekStart: date({ mode: "string" }).notNull(),
    model: text({ enum: PROJECTION_MODELS }).notNull(),
    status: text({ enum: PROJECTION_STATUSES }).notNull(),
    loggedDays: integer().notNull(),
    meanDeficitKcal: doublePrecision(),
    projectedChangeKg: doublePrecision(),
    /** Bounds of projectedChangeKg from the days' burn ranges (docs/science.md §4.4). */
    projectedChangeLowKg: doublePrecision(),
    projectedChangeHighKg: doublePrecision(),
    trajectory: jsonb().$type<TrajectoryPoint[]>().notNull(),
    observedChangeKg: doublePrecision(),
    calibrationFactor: doublePrecision(),
    flags: jsonb().$type<string[]>().notNull(),
    /** What the model was started from and driven by (weight, body fat and its source, calibrated burn…). */
    inputs: jsonb().notNull(),
    modelVersion: text().notNull(),
    computedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "weekly_projections_pkey", columns: [t.userId, t.weekStart, t.model] })],
);
