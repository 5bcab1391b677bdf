import { and, asc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { pastCursor, withinDates } from "../../db/keyset.js";
import { bodyMeasurements, sources } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";

export type NewBodyMeasurement = typeof bodyMeasurements.$inferInsert;

const measurementWithSource = {
  measurement: bodyMeasurements,
  source: { name: sources.name, deviceType: sources.deviceType, device: sources.device },
};

/**
 * Inserts a typed-in measurement, or merges it into the user's measurement of the same instant: the fields sent
 * replace the stored ones (typed by hand wins), the others are kept. The row leaves its import's ownership, so
 * cleaning up that import can no longer delete what the person confirmed.
 */
export async function upsertManualMeasurement(
  db: DbOrTx,
  row: NewBodyMeasurement,
  sent: { weight: boolean; bodyFat: boolean },
): Promise<{ id: string }> {
  const [stored] = await db
    .insert(bodyMeasurements)
    .values(row)
    .onConflictDoUpdate({
      target: [bodyMeasurements.userId, bodyMeasurements.measuredAt],
      set: {
        ...(sent.weight ? { weightKg: sql`excluded.weight_kg` } : {}),
        ...(sent.bodyFat ? { bodyFatPct: sql`excluded.body_fat_pct` } : {}),
        utcOffsetMin: sql`excluded.utc_offset_min`,
        localDate: sql`excluded.local_date`,
        importId: null,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ id: bodyMeasurements.id });
  if (!stored) throw new Error("upsert into body_measurements returned no row");
  return stored;
}

export async function findMeasurementAt(db: DbOrTx, userId: string, measuredAt: Date): Promise<{ localDate: string } | undefined> {
  const [row] = await db
    .select({ localDate: bodyMeasurements.localDate })
    .from(bodyMeasurements)
    .where(and(eq(bodyMeasurements.userId, userId), eq(bodyMeasurements.measuredAt, measuredAt)))
    .limit(1);
  return row;
}

export async function findMeasurement(db: DbOrTx, userId: string, measurementId: string) {
  const [row] = await db
    .select(measurementWithSource)
    .from(bodyMeasurements)
    .leftJoin(sources, eq(sources.id, bodyMeasurements.sourceId))
    .where(and(eq(bodyMeasurements.id, measurementId), eq(bodyMeasurements.userId, userId)))
    .limit(1);
  return row;
}

export type MeasurementWithSource = NonNullable<Awaited<ReturnType<typeof findMeasurement>>>;

/** A page, oldest first (the order a chart and the trend read them in), optionally within local dates [from, to]. */
export async function listMeasurements(
  db: DbOrTx,
  userId: string,
  q: { from: string | undefined; to: string | undefined; limit: number; after?: CursorPosition },
): Promise<MeasurementWithSource[]> {
  const after = q.after;
  return db
    .select(measurementWithSource)
    .from(bodyMeasurements)
    .leftJoin(sources, eq(sources.id, bodyMeasurements.sourceId))
    .where(
      and(
        eq(bodyMeasurements.userId, userId),
        withinDates(bodyMeasurements.localDate, q.from, q.to),
        pastCursor(bodyMeasurements.measuredAt, bodyMeasurements.id, after, "asc"),
      ),
    )
    .orderBy(asc(bodyMeasurements.measuredAt), asc(bodyMeasurements.id))
    .limit(q.limit);
}

export async function listWeights(db: DbOrTx, userId: string, q: { from: string; to: string }): Promise<{ localDate: string; weightKg: number }[]> {
  const rows = await db
    .select({ localDate: bodyMeasurements.localDate, weightKg: bodyMeasurements.weightKg })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, userId),
        gte(bodyMeasurements.localDate, q.from),
        lte(bodyMeasurements.localDate, q.to),
        isNotNull(bodyMeasurements.weightKg),
        eq(bodyMeasurements.outlier, false),
      ),
    )
    .orderBy(asc(bodyMeasurements.measuredAt));
  return rows.flatMap((r) => (r.weightKg === null ? [] : [{ localDate: r.localDate, weightKg: r.weightKg }]));
}

export async function deleteMeasurement(db: DbOrTx, userId: string, measurementId: string): Promise<{ localDate: string } | undefined> {
  const [row] = await db
    .delete(bodyMeasurements)
    .where(and(eq(bodyMeasurements.id, measurementId), eq(bodyMeasurements.userId, userId)))
    .returning({ localDate: bodyMeasurements.localDate });
  return row;
}
