import { sql } from "drizzle-orm";
import { bigint, check, date, pgTable, real, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { UNIT_SYSTEMS } from "../../lib/vocabulary.js";
import { timestamps } from "./columns.js";

export const SEXES = ["female", "male"] as const;
export const ACTIVITY_LEVELS = ["sedentary", "light", "moderate", "active", "very_active"] as const;

export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    sex: text({ enum: SEXES }),
    birthDate: date({ mode: "string" }),
    heightCm: real(),
    /** Starting weight from the profile; measured weights live in body measurements. */
    weightKg: real(),
    timeZone: text().notNull().default("UTC"),
    hrMaxBpm: smallint(),
    hrRestBpm: smallint(),
    activityLevel: text({ enum: ACTIVITY_LEVELS }),
    /** How answers show weights: "imperial" adds pounds beside the kilograms. */
    unitSystem: text({ enum: UNIT_SYSTEMS }).notNull().default("metric"),
    /**
     * The id of the last transaction that changed a row the kept answers are built from (days, weeks, sleep samples,
     * sources, the dirty-days outbox, workouts). Set by deferred triggers at commit (migration 0017), read by every
     * kept-answer request as one primary-key lookup (src/http/answer-cache.ts).
     */
    answersVersion: bigint({ mode: "number" }).notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    check("users_sex_check", sql`${t.sex} is null or ${t.sex} in ('female', 'male')`),
    check("users_height_check", sql`${t.heightCm} is null or ${t.heightCm} between 50 and 272`),
    check("users_unit_system_check", sql`${t.unitSystem} in ('metric', 'imperial')`),
    check("users_weight_check", sql`${t.weightKg} is null or ${t.weightKg} between 20 and 400`),
  ],
);

export type UserRow = typeof users.$inferSelect;
