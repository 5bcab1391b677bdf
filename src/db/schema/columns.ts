import { timestamp } from "drizzle-orm/pg-core";

/** created_at / updated_at as timestamptz, set by the database so every writer agrees. */
export const timestamps = () => ({
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
