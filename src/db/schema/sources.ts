import { integer, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { DEVICE_TYPES } from "../../lib/vocabulary.js";
import { users } from "./users.js";

/** Where data came from (an app or device of one user). Samples reference it by a small integer: compact at scale. */
export const sources = pgTable(
  "sources",
  {
    id: serial().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    deviceType: text({ enum: DEVICE_TYPES }).notNull(),
    /** Normalized model string, '' when unknown (so the natural key has no NULLs). */
    device: text().notNull().default(""),
    /** Lower wins when overlapping sources are merged; null means the default for its device type. */
    priority: integer(),
  },
  (t) => [uniqueIndex("sources_natural_key").on(t.userId, t.name, t.deviceType, t.device)],
);

export type SourceRow = typeof sources.$inferSelect;
