import { and, asc, between, desc, sql as dsql, eq, gt, gte, isNotNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { withinDates } from "../../db/keyset.js";
import { bodyMeasurements, dailyEnergy, weeklyProjections } from "../../db/schema/index.js";
import type { DatedWeight, EnergyDayFacts } from "../../domain/projections/week-facts.js";
import type { WeekProjectionRow } from "../../domain/projections/week-projection.js";
import type { CursorPosition } from "../../lib/cursor.js";

export type WeeklyProjectionRecord = typeof weeklyProjections.$inferSelect;

export async function energyDays(db: DbOrTx, userId: string, from: string, to: string): Promise<EnergyDayFacts[]> {
  return db
    .select({
      localDate: dailyEnergy.localDate,
      status: dailyEnergy.status,
      burnedKcal: dailyEnergy.burnedKcal,
      burnedLowKcal: dailyEnergy.burnedLowKcal,
      burnedHighKcal: dailyEnergy.burnedHighKcal,
      intakeKcal: dailyEnergy.intakeKcal,
      deficitKcal: dailyEnergy.deficitKcal,
      flags: dailyEnergy.flags,
      flagsConfirmed: dailyEnergy.flagsConfirmed,
    })
    .from(dailyEnergy)
    .where(and(eq(dailyEnergy.userId, userId), between(dailyEnergy.localDate, from, to)))
    .orderBy(asc(dailyEnergy.localDate));
}

export async function weighIns(db: DbOrTx, userId: string, from: string, to: string): Promise<DatedWeight[]> {
  const rows = await db
    .select({ localDate: bodyMeasurements.localDate, weightKg: bodyMeasurements.weightKg })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, userId),
        between(bodyMeasurements.localDate, from, to),
        isNotNull(bodyMeasurements.weightKg),
        eq(bodyMeasurements.outlier, false),
      ),
    )
    .orderBy(asc(bodyMeasurements.measuredAt));
  return rows.flatMap((r) => (r.weightKg === null ? [] : [{ localDate: r.localDate, weightKg: r.weightKg }]));
}

/** The latest weigh-in (not an outlier) whose local date is on or before `date`, however old. */
export async function latestWeightKgOnOrBefore(db: DbOrTx, userId: string, date: string): Promise<number | null> {
  const [row] = await db
    .select({ weightKg: bodyMeasurements.weightKg })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, userId),
        lte(bodyMeasurements.localDate, date),
        isNotNull(bodyMeasurements.weightKg),
        eq(bodyMeasurements.outlier, false),
      ),
    )
    .orderBy(desc(bodyMeasurements.measuredAt))
    .limit(1);
  return row?.weightKg ?? null;
}

export async function latestBodyFatPctBetween(db: DbOrTx, userId: string, from: string, to: string): Promise<number | null> {
  const [row] = await db
    .select({ bodyFatPct: bodyMeasurements.bodyFatPct })
    .from(bodyMeasurements)
    .where(and(eq(bodyMeasurements.userId, userId), between(bodyMeasurements.localDate, from, to), isNotNull(bodyMeasurements.bodyFatPct)))
    .orderBy(desc(bodyMeasurements.measuredAt))
    .limit(1);
  return row?.bodyFatPct ?? null;
}

/** Writes the week's rows whole (one statement, so readers never see one model new and the other old). */
export async function upsertWeekProjections(
  db: DbOrTx,
  userId: string,
  weekStart: string,
  rows: readonly WeekProjectionRow[],
  computedAt: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(weeklyProjections)
    .values(rows.map((r) => ({ ...r, userId, weekStart, computedAt })))
    .onConflictDoUpdate({
      target: [weeklyProjections.userId, weeklyProjections.weekStart, weeklyProjections.model],
      set: {
        status: dsql`excluded.status`,
        loggedDays: dsql`excluded.logged_days`,
        meanDeficitKcal: dsql`excluded.mean_deficit_kcal`,
        projectedChangeKg: dsql`excluded.projected_change_kg`,
        projectedChangeLowKg: dsql`excluded.projected_change_low_kg`,
        projectedChangeHighKg: dsql`excluded.projected_change_high_kg`,
        trajectory: dsql`excluded.trajectory`,
        observedChangeKg: dsql`excluded.observed_change_kg`,
        calibrationFactor: dsql`excluded.calibration_factor`,
        flags: dsql`excluded.flags`,
        inputs: dsql`excluded.inputs`,
        modelVersion: dsql`excluded.model_version`,
        computedAt: dsql`excluded.computed_at`,
      },
    });
}

export async function deleteWeekProjections(db: DbOrTx, userId: string, weekStart: string): Promise<void> {
  await db.delete(weeklyProjections).where(and(eq(weeklyProjections.userId, userId), eq(weeklyProjections.weekStart, weekStart)));
}

/** A page of rows, oldest week first (then by model), optionally of the weeks starting in [fromWeekStart, to]. */
export async function listWeekProjections(
  db: DbOrTx,
  userId: string,
  q: {
    fromWeekStart: string | undefined;
    to: string | undefined;
    limit: number;
    after?: { weekStart: string; model: WeeklyProjectionRecord["model"] };
  },
): Promise<WeeklyProjectionRecord[]> {
  const after = q.after;
  const afterClause = after
    ? or(
        gt(weeklyProjections.weekStart, after.weekStart),
        and(eq(weeklyProjections.weekStart, after.weekStart), gt(weeklyProjections.model, after.model)),
      )
    : undefined;
  return db
    .select()
    .from(weeklyProjections)
    .where(and(eq(weeklyProjections.userId, userId), withinDates(weeklyProjections.weekStart, q.fromWeekStart, q.to), afterClause))
    .orderBy(asc(weeklyProjections.weekStart), asc(weeklyProjections.model))
    .limit(q.limit);
}

/** A week row's cursor position: its week's Monday as a UTC instant (the cursor's sort key) and its model. */
export function weekCursorPosition(row: WeeklyProjectionRecord): CursorPosition {
  return { sortKey: `${row.weekStart}T00:00:00.000Z`, id: row.model };
}

/** The dynamic rows' inputs of the weeks starting in [fromWeekStart, toWeekStart], oldest first (they carry the calibrations). */
export async function dynamicInputsBetween(db: DbOrTx, userId: string, fromWeekStart: string, toWeekStart: string): Promise<unknown[]> {
  const rows = await db
    .select({ inputs: weeklyProjections.inputs })
    .from(weeklyProjections)
    .where(
      and(
        eq(weeklyProjections.userId, userId),
        eq(weeklyProjections.model, "dynamic"),
        gte(weeklyProjections.weekStart, fromWeekStart),
        lte(weeklyProjections.weekStart, toWeekStart),
      ),
    )
    .orderBy(asc(weeklyProjections.weekStart));
  return rows.map((r) => r.inputs);
}
