import { date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { SAMPLE_TYPES } from "../../lib/vocabulary.js";
import { sources } from "./sources.js";

// The same list the parsers produce, so a new sample type is one edit (plus its migration).
export const sampleType = pgEnum("sample_type", SAMPLE_TYPES);

/**
 * Raw samples, every source kept (the per-source merge happens at read time). The natural key is the primary key,
 * so a re-import or a retried chunk inserts nothing twice. Values are in canonical units (kcal, count, bpm, m).
 */
export const samples = pgTable(
  "samples",
  {
    // No foreign key to users: every sample's source belongs to its user and cascades from it, and a second
    // per-row key check cost 20-35 % of the bulk merge (measured).
    userId: text().notNull(),
    type: sampleType().notNull(),
    sourceId: integer()
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    startAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** Minutes east of UTC at the start, from the record or else the user's zone at import time. */
    utcOffsetMin: smallint().notNull(),
    /** The user's local calendar date of startAt. */
    localDate: date({ mode: "string" }).notNull(),
    value: doublePrecision().notNull(),
    importId: text(),
  },
  (t) => [
    primaryKey({ name: "samples_pkey", columns: [t.userId, t.type, t.sourceId, t.startAt, t.endAt] }),
    index("samples_user_type_date_idx").on(t.userId, t.type, t.localDate),
  ],
);
