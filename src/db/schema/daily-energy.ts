import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { DAY_STATUSES } from "../../lib/vocabulary.js";
import { users } from "./users.js";

/** in_progress: the current local day (profile zone), shown "so far" and never counted. */

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
    /** Bounds of burnedKcal from each method's published error (docs/science.md §4); null when the burn is unknown. */
    burnedLowKcal: doublePrecision(),
    burnedHighKcal: doublePrecision(),
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
    /** implausible_intake / implausible_burn (docs/science.md §2.2): the day is left out of means until confirmed. */
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    /** True when the person confirmed every flag the day carries. */
    flagsConfirmed: boolean().notNull().default(false),
    computedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "daily_energy_pkey", columns: [t.userId, t.localDate] })],
);

export type DailyEnergyRow = typeof dailyEnergy.$inferSelect;

/** The person's word that a flagged day is right: it then counts. Kept apart from daily_energy, which is derived. */
export const dayConfirmations = pgTable(
  "day_confirmations",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    /** The flags the day carried when it was confirmed: a new kind of flag needs a new confirmation. */
    flags: text().array().notNull(),
    confirmedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "day_confirmations_pkey", columns: [t.userId, t.localDate] })],
);
