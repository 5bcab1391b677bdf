import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/** Stripe-style idempotency for POST /v1/sync: the first answer is stored and replayed for the same key and body. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    /** The answer exactly as first sent (text, not jsonb: a replay must be byte-identical). */
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "idempotency_keys_pkey", columns: [t.userId, t.key] })],
);
