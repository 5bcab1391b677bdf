import { sql } from "drizzle-orm";
import { date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { INTAKE_DAY_STATUSES } from "../../lib/vocabulary.js";
import { timestamps } from "./columns.js";
import { sources } from "./sources.js";
import { users } from "./users.js";

export const MEALS = ["breakfast", "lunch", "dinner", "snack"] as const;
export const INTAKE_ORIGINS = ["api", "import", "sync"] as const;

/** What a person logged eating. From the API, a food-log export, or a health export's dietary energy records. */
export const intakeEntries = pgTable(
  "intake_entries",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    consumedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    utcOffsetMin: smallint().notNull(),
    localDate: date({ mode: "string" }).notNull(),
    energyKcal: doublePrecision().notNull(),
    name: text(),
    meal: text({ enum: MEALS }),
    proteinG: doublePrecision(),
    carbsG: doublePrecision(),
    fatG: doublePrecision(),
    /** Caller-supplied or derived from the source record; makes re-posting and re-importing idempotent. */
    externalId: text(),
    origin: text({ enum: INTAKE_ORIGINS }).notNull(),
    sourceId: integer().references(() => sources.id, { onDelete: "set null" }),
    importId: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("intake_entries_external_key").on(t.userId, t.externalId).where(sql`${t.externalId} is not null`),
    index("intake_entries_user_date_idx").on(t.userId, t.localDate),
    index("intake_entries_user_consumed_idx").on(t.userId, t.consumedAt.desc(), t.id.desc()),
  ],
);

/** A day's logging status as the person declared it; absent means derived (logged / unlogged). */
export const intakeDayStatuses = pgTable(
  "intake_day_statuses",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    status: text({ enum: INTAKE_DAY_STATUSES }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "intake_day_statuses_pkey", columns: [t.userId, t.localDate] })],
);

export type IntakeEntryRow = typeof intakeEntries.$inferSelect;
