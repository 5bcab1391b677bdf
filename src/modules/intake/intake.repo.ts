import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { pastCursor, withinDates } from "../../db/keyset.js";
import { type IntakeEntryRow, intakeEntries } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";

export type NewIntakeEntry = typeof intakeEntries.$inferInsert;
export type IntakeEntryChanges = Partial<Omit<NewIntakeEntry, "id" | "userId" | "createdAt">>;

/**
 * Serialises one user's intake writes (entries and day statuses) for the rest of the transaction, so
 * "no food on a fasted day" cannot be broken by two requests racing past each other's checks.
 */
export async function lockUserIntake(db: DbOrTx, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`intake:${userId}`}, 0))`);
}

/** The values every upsert rewrites; origin and provenance columns are set per caller. */
const rewrittenColumns = {
  consumedAt: sql`excluded.consumed_at`,
  utcOffsetMin: sql`excluded.utc_offset_min`,
  localDate: sql`excluded.local_date`,
  energyKcal: sql`excluded.energy_kcal`,
  name: sql`excluded.name`,
  meal: sql`excluded.meal`,
  proteinG: sql`excluded.protein_g`,
  carbsG: sql`excluded.carbs_g`,
  fatG: sql`excluded.fat_g`,
  updatedAt: sql`excluded.updated_at`,
};

const externalKey = {
  target: [intakeEntries.userId, intakeEntries.externalId],
  targetWhere: sql`${intakeEntries.externalId} is not null`,
};

/** Inserts entries; one whose external id exists is replaced in place and becomes the API's (origin "api"). */
export async function upsertApiEntries(db: DbOrTx, rows: NewIntakeEntry[]): Promise<IntakeEntryRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(intakeEntries)
    .values(rows)
    .onConflictDoUpdate({
      ...externalKey,
      set: { ...rewrittenColumns, origin: sql`excluded.origin`, sourceId: null, importId: null },
    })
    .returning();
}

/**
 * Inserts imported entries; a re-imported external id updates its values only while the row is still an
 * import's (typed or posted entries win) and keeps the import that first wrote it.
 */
export async function upsertImportedEntries(db: DbOrTx, rows: NewIntakeEntry[]): Promise<{ localDate: string }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(intakeEntries)
    .values(rows)
    .onConflictDoUpdate({ ...externalKey, set: rewrittenColumns, setWhere: sql`${intakeEntries.origin} = 'import'` })
    .returning({ localDate: intakeEntries.localDate });
}

/** Where the user's entries with these external ids are now (to recompute the days they leave). */
export async function findByExternalIds(
  db: DbOrTx,
  userId: string,
  externalIds: string[],
): Promise<{ externalId: string | null; localDate: string; origin: string }[]> {
  if (externalIds.length === 0) return [];
  return db
    .select({ externalId: intakeEntries.externalId, localDate: intakeEntries.localDate, origin: intakeEntries.origin })
    .from(intakeEntries)
    .where(and(eq(intakeEntries.userId, userId), inArray(intakeEntries.externalId, externalIds)));
}

export async function findEntry(db: DbOrTx, userId: string, entryId: string): Promise<IntakeEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(intakeEntries)
    .where(and(eq(intakeEntries.id, entryId), eq(intakeEntries.userId, userId)))
    .limit(1);
  return row;
}

export async function updateEntry(db: DbOrTx, userId: string, entryId: string, changes: IntakeEntryChanges): Promise<IntakeEntryRow | undefined> {
  const [row] = await db
    .update(intakeEntries)
    .set(changes)
    .where(and(eq(intakeEntries.id, entryId), eq(intakeEntries.userId, userId)))
    .returning();
  return row;
}

export async function deleteEntry(db: DbOrTx, userId: string, entryId: string): Promise<IntakeEntryRow | undefined> {
  const [row] = await db
    .delete(intakeEntries)
    .where(and(eq(intakeEntries.id, entryId), eq(intakeEntries.userId, userId)))
    .returning();
  return row;
}

/** Newest first by consumed_at; `after` is the keyset position of the previous page's last row. */
export async function listEntries(
  db: DbOrTx,
  userId: string,
  q: { from: string | undefined; to: string | undefined; limit: number; after?: CursorPosition },
): Promise<IntakeEntryRow[]> {
  const after = q.after;
  return db
    .select()
    .from(intakeEntries)
    .where(
      and(
        eq(intakeEntries.userId, userId),
        withinDates(intakeEntries.localDate, q.from, q.to),
        pastCursor(intakeEntries.consumedAt, intakeEntries.id, after, "desc"),
      ),
    )
    .orderBy(desc(intakeEntries.consumedAt), desc(intakeEntries.id))
    .limit(q.limit);
}

/** One local day's entries in the order they were eaten. */
export async function entriesOnDate(db: DbOrTx, userId: string, localDate: string): Promise<IntakeEntryRow[]> {
  return db
    .select()
    .from(intakeEntries)
    .where(and(eq(intakeEntries.userId, userId), eq(intakeEntries.localDate, localDate)))
    .orderBy(asc(intakeEntries.consumedAt), asc(intakeEntries.id));
}
