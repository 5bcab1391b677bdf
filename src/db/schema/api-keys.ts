import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text(),
    /** Public part of the key (`wsk_<lookup>`), unique, used to find the row without scanning hashes. */
    prefix: text().notNull().unique(),
    /** sha256 of the whole key, hex. The key itself is never stored. */
    secretHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_keys_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc())],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
