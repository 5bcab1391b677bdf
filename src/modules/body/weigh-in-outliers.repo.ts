import { and, asc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { bodyMeasurements } from "../../db/schema/index.js";

export interface StoredWeighIn {
  id: string;
  atMs: number;
  localDate: string;
  weightKg: number;
  outlier: boolean;
  override: boolean | null;
}

/** One outlier pass per user at a time: two passes over different snapshots must not interleave their writes. */
export async function lockUserWeighIns(db: DbOrTx, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`weigh-ins:${userId}`}, 0))`);
}

// Read in pages: a row as the driver returns it (a Date, six properties) is several times the size of the record it
// becomes, and an import of a scale's years of readings holds hundreds of thousands of them (a worker's heap is capped).
const WEIGH_INS_PER_PAGE = 20_000;

/** Every weigh-in of the user, oldest first (an instant holds one measurement), with its flag and the person's verdict. */
export async function weighInsOf(db: DbOrTx, userId: string): Promise<StoredWeighIn[]> {
  const all: StoredWeighIn[] = [];
  for (let after: Date | null = null; ; ) {
    const rows = await db
      .select({
        id: bodyMeasurements.id,
        measuredAt: bodyMeasurements.measuredAt,
        localDate: bodyMeasurements.localDate,
        weightKg: bodyMeasurements.weightKg,
        outlier: bodyMeasurements.outlier,
        override: bodyMeasurements.outlierOverride,
      })
      .from(bodyMeasurements)
      .where(
        and(
          eq(bodyMeasurements.userId, userId),
          isNotNull(bodyMeasurements.weightKg),
          after === null ? undefined : gt(bodyMeasurements.measuredAt, after),
        ),
      )
      .orderBy(asc(bodyMeasurements.measuredAt))
      .limit(WEIGH_INS_PER_PAGE);
    for (const r of rows) {
      all.push({
        id: r.id,
        atMs: r.measuredAt.getTime(),
        localDate: r.localDate,
        weightKg: r.weightKg ?? 0,
        outlier: r.outlier,
        override: r.override,
      });
    }
    const last = rows.at(-1);
    if (!last || rows.length < WEIGH_INS_PER_PAGE) return all;
    after = last.measuredAt;
  }
}

// A statement takes at most 65,535 parameters: an import of years of a scale's readings changes more flags than that.
const IDS_PER_STATEMENT = 10_000;

/** Writes changed flags: one statement per new value and per IDS_PER_STATEMENT of them. */
export async function setOutlierFlags(db: DbOrTx, userId: string, changes: readonly { id: string; outlier: boolean }[]): Promise<void> {
  for (const outlier of [true, false]) {
    const ids = changes.filter((c) => c.outlier === outlier).map((c) => c.id);
    for (let from = 0; from < ids.length; from += IDS_PER_STATEMENT) {
      await db
        .update(bodyMeasurements)
        .set({ outlier })
        .where(and(eq(bodyMeasurements.userId, userId), inArray(bodyMeasurements.id, ids.slice(from, from + IDS_PER_STATEMENT))));
    }
  }
}

/** Sets the person's verdict; false when the measurement is not theirs (or not there). */
export async function setOutlierOverride(
  db: DbOrTx,
  userId: string,
  measurementId: string,
  override: boolean,
): Promise<{ localDate: string } | undefined> {
  const [row] = await db
    .update(bodyMeasurements)
    .set({ outlierOverride: override, outlier: override, updatedAt: sql`now()` })
    .where(and(eq(bodyMeasurements.id, measurementId), eq(bodyMeasurements.userId, userId)))
    .returning({ localDate: bodyMeasurements.localDate });
  return row;
}
