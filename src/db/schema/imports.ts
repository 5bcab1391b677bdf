import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.js";
import { users } from "./users.js";

export const IMPORT_STATUSES = ["queued", "processing", "completed", "failed"] as const;
/** Units a file may write weight in without saying which (Fitbit writes the account's display unit). */
export const WEIGHT_UNITS = ["kg", "lb"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export interface RecordTypeCounts {
  parsed: number;
  inserted: number;
  duplicate: number;
  rejected: number;
}

export interface RejectedRecord {
  where: string;
  reason: string;
  record_type: string;
}

/** The import ledger: one row per uploaded file (content-addressed per user), its progress and its outcome. */
export const imports = pgTable(
  "imports",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sha256: text().notNull(),
    bytes: bigint({ mode: "number" }).notNull(),
    format: text().notNull(),
    filename: text(),
    /** `?weight_unit=` of the upload: the unit of weights in a file that does not say (Fitbit), else null. */
    weightUnit: text({ enum: WEIGHT_UNITS }),
    storageKey: text().notNull(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default("queued"),
    partial: boolean().notNull().default(false),
    progressBytes: bigint({ mode: "number" }).notNull().default(0),
    progressRecords: bigint({ mode: "number" }).notNull().default(0),
    /** What progressBytes counts to, when the format knows it (a zip's entries' inflated sizes, a plain file's size). */
    progressTotalBytes: bigint({ mode: "number" }),
    counts: jsonb().$type<Record<string, RecordTypeCounts>>().notNull().default({}),
    rejections: jsonb().$type<RejectedRecord[]>().notNull().default([]),
    /** Records of types this service does not read yet, per type (mindful minutes, flights climbed, …). */
    skipped: jsonb().$type<Record<string, number>>().notNull().default({}),
    errorCode: text(),
    errorMessage: text(),
    /** Runs requested so far: a retry or a re-run bumps it, and a job of an older run stands down. */
    runs: integer().notNull().default(1),
    /** Times the reconciler re-queued this run after its job was lost or ran out of attempts; bounded. */
    recoveries: integer().notNull().default(0),
    /** The earliest start and latest end of what the file held, to find the imports that share its rows. */
    dataStartAt: timestamp({ withTimezone: true, mode: "date" }),
    dataEndAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Set when the person deleted the import: it is hidden at once, and a job removes its rows, file and row. */
    deletedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Set when the retention sweep removed the stored file of a finished import; the row and its data stay. */
    fileRemovedAt: timestamp({ withTimezone: true, mode: "date" }),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("imports_user_sha256_key").on(t.userId, t.sha256),
    index("imports_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("imports_unfinished_idx").on(t.status, t.updatedAt),
    // The retention sweep's candidates: finished imports whose file is still stored.
    index("imports_file_retention_idx").on(t.finishedAt).where(sql`${t.fileRemovedAt} is null and ${t.finishedAt} is not null`),
  ],
);

export type ImportRow = typeof imports.$inferSelect;
