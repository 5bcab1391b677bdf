import { date, doublePrecision, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

export const DAY_STATUSES = ["complete", "partial", "no_intake", "no_data"] as const;

/**
 * One row per user and local day, always recomputed from the raw rows (never incremented), so a retried
 * or repeated recompute writes the same numbers.
 */
export const dailyEnergy = pgTable(
  "daily_energy",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    basalKcal: doublePrecision(),
    activeKcal: doublePrecision(),
    burnedKcal: doublePrecision(),
    intakeKcal: doublePrecision(),
    deficitKcal: doublePrecision(),
    steps: integer(),
    status: text({ enum: DAY_STATUSES }).notNull(),
    coverageHours: real().notNull(),
    dayLengthHours: real().notNull(),
    intakeStatus: text().notNull(),
    basalMethod: text().notNull(),
    activeMethod: text().notNull(),
    /** Sources, workouts, intake entries and estimate inputs behind the numbers. */
    breakdown: jsonb().notNull(),
    hiitSessions: integer().notNull().default(0),
    computedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "daily_energy_pkey", columns: [t.userId, t.localDate] })],
);

export type DailyEnergyRow = typeof dailyEnergy.$inferSelect;
