import { bigserial, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * The durable record of recompute work (an outbox): one row per user and local day whose raw rows changed and
 * whose daily_energy row is not rebuilt yet. Written next to the raw rows, before any job reaches Redis; removed by
 * the recompute that saw this exact version, so a write that lands while a recompute runs keeps its row. A
 * reconciler re-queues rows whose job was lost (Redis restarted, enqueue failed), and the API's `pending` flag
 * reads this table, so it tells the truth even when Redis lost everything or is down.
 */
export const dirtyDays = pgTable(
  "dirty_days",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    /** From one sequence: every new request for the day takes a new, larger version. */
    version: bigserial({ mode: "number" }).notNull(),
    /** When the latest request for this day was written. */
    markedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** How many times the reconciler re-queued it; bounded, so a day whose recompute always fails stops retrying. */
    sweeps: integer().notNull().default(0),
    sweptAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.localDate] }), index("dirty_days_marked_idx").on(t.markedAt)],
);
