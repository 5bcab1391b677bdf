import { boolean, date, doublePrecision, index, integer, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.js";
import { sources } from "./sources.js";
import { users } from "./users.js";

/**
 * Weight and body fat. One row per instant: a manual entry and an imported scale record of the same instant are
 * the same measurement (their fields merge), so a scale synced twice never counts twice.
 */
export const bodyMeasurements = pgTable(
  "body_measurements",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    measuredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    utcOffsetMin: smallint().notNull(),
    localDate: date({ mode: "string" }).notNull(),
    weightKg: doublePrecision(),
    bodyFatPct: doublePrecision(),
    /** The weight departs from the trend by more than physiology allows (docs/science.md §2.1): shown, not used. */
    outlier: boolean().notNull().default(false),
    /** The person's verdict (PATCH outlier), which the automatic rule never overrides; null = automatic. */
    outlierOverride: boolean(),
    sourceId: integer().references(() => sources.id, { onDelete: "set null" }),
    importId: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("body_measurements_instant_key").on(t.userId, t.measuredAt),
    index("body_measurements_user_date_idx").on(t.userId, t.localDate),
  ],
);

export type BodyMeasurementRow = typeof bodyMeasurements.$inferSelect;
