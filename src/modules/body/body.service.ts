import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { seededFrom, TREND_SEED_LOOKBACK_DAYS, type TrendDay, weightTrendForRange } from "../../domain/body/weight-trend.js";
import { instantProblem, parseOffsetDateTime } from "../../domain/intake/intake-time.js";
import { kgFromLb } from "../../domain/intake/intake-units.js";
import { markDaysDirty } from "../../jobs/dirty-days.js";
import { recomputeDaysBestEffort } from "../../jobs/recompute.js";
import { addDays } from "../../lib/calendar.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { NotFoundError, ValidationError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import {
  deleteMeasurement,
  findMeasurement,
  findMeasurementAt,
  listMeasurements,
  listWeights,
  type MeasurementWithSource,
  upsertManualMeasurement,
} from "./body.repo.js";
import type { CreateBodyMeasurementInput } from "./body.schemas.js";
import { setOutlierOverride } from "./weigh-in-outliers.repo.js";
import { refreshWeighInOutliers } from "./weigh-in-outliers.service.js";

/** Records a weigh-in; one at the instant of an existing measurement merges into it (see upsertManualMeasurement). */
export async function recordBodyMeasurement(deps: Deps, userId: string, input: CreateBodyMeasurementInput): Promise<MeasurementWithSource> {
  const now = deps.clock.now();
  const instant = parseOffsetDateTime(input.measured_at);
  const problem = instant ? instantProblem(instant.at, now) : "is not a valid date-time";
  if (problem || !instant) throw new ValidationError([{ path: "measured_at", message: problem ?? "is invalid" }]);
  const weightKg = input.weight_kg ?? (input.weight_lb === undefined ? null : kgFromLb(input.weight_lb));
  const bodyFatPct = input.body_fat_pct ?? null;

  const { stored, previousDate, reclassified } = await withTransaction(deps.db, async (tx) => {
    const previous = await findMeasurementAt(tx, userId, instant.at);
    const row = { id: newId("bdy", now.getTime()), userId, measuredAt: instant.at, utcOffsetMin: instant.utcOffsetMin };
    const { id } = await upsertManualMeasurement(
      tx,
      { ...row, localDate: instant.localDate, weightKg, bodyFatPct, createdAt: now, updatedAt: now },
      { weight: weightKg !== null, bodyFat: bodyFatPct !== null },
    );
    const dates = await refreshWeighInOutliers(tx, userId);
    // The outbox row commits with the weigh-in: no crash or Redis outage after this can lose the days' recompute.
    await markDaysDirty(tx, userId, [instant.localDate, ...(previous ? [previous.localDate] : []), ...dates]);
    return { stored: await findMeasurement(tx, userId, id), previousDate: previous?.localDate, reclassified: dates };
  });
  if (!stored) throw new Error("the stored body measurement could not be read back");
  await recomputeDaysBestEffort(deps, userId, [instant.localDate, ...(previousDate ? [previousDate] : []), ...reclassified]);
  return stored;
}

/**
 * The person's verdict on a weigh-in (docs/science.md §2.1): `false` confirms a flagged weight, which then counts;
 * `true` marks one as wrong. The rule never overrides it; the other weigh-ins are judged again around it.
 */
export async function setBodyMeasurementOutlier(deps: Deps, userId: string, measurementId: string, outlier: boolean): Promise<MeasurementWithSource> {
  const result = await withTransaction(deps.db, async (tx) => {
    const updated = await setOutlierOverride(tx, userId, measurementId, outlier);
    if (!updated) return null;
    const dates = [updated.localDate, ...(await refreshWeighInOutliers(tx, userId))];
    await markDaysDirty(tx, userId, dates);
    return { found: await findMeasurement(tx, userId, measurementId), dates };
  });
  if (!result?.found) throw new NotFoundError("body measurement");
  await recomputeDaysBestEffort(deps, userId, result.dates);
  return result.found;
}

export async function getBodyMeasurement(deps: Deps, userId: string, measurementId: string): Promise<MeasurementWithSource> {
  const found = await findMeasurement(deps.db, userId, measurementId);
  if (!found) throw new NotFoundError("body measurement");
  return found;
}

export interface BodyMeasurementsReport {
  measurements: MeasurementWithSource[];
  nextCursor: string | null;
  trend: TrendDay[];
  trendSeededFrom: string | null;
}

/**
 * A page of measurements (oldest first; `from`/`to` filter the local date, outliers shown) plus the weight trend of
 * the others over the page's dates, seeded by weigh-ins up to 60 days before its first date.
 */
export async function reportBodyMeasurements(
  deps: Deps,
  userId: string,
  q: { from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<BodyMeasurementsReport> {
  assertRangeOrder(q.from, q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listMeasurements(deps.db, userId, { from: q.from, to: q.to, limit: q.limit + 1, ...(after ? { after } : {}) });
  const page = paginate(rows, q.limit, (row) => ({ sortKey: row.measurement.measuredAt.toISOString(), id: row.measurement.id }));
  const first = page.items[0]?.measurement.localDate ?? q.from;
  const lastOfPage = page.items.at(-1)?.measurement.localDate;
  const last = page.nextCursor !== null ? lastOfPage : (q.to ?? lastOfPage);
  if (first === undefined || last === undefined) return { measurements: page.items, nextCursor: page.nextCursor, trend: [], trendSeededFrom: null };
  const weights = await listWeights(deps.db, userId, { from: addDays(first, -TREND_SEED_LOOKBACK_DAYS), to: last });
  return {
    measurements: page.items,
    nextCursor: page.nextCursor,
    trend: weightTrendForRange(weights, first, last),
    trendSeededFrom: seededFrom(weights, first),
  };
}

export async function deleteBodyMeasurement(deps: Deps, userId: string, measurementId: string): Promise<void> {
  const dates = await withTransaction(deps.db, async (tx) => {
    const deleted = await deleteMeasurement(tx, userId, measurementId);
    if (!deleted) return null;
    const dates = [deleted.localDate, ...(await refreshWeighInOutliers(tx, userId))];
    await markDaysDirty(tx, userId, dates);
    return dates;
  });
  if (!dates) throw new NotFoundError("body measurement");
  await recomputeDaysBestEffort(deps, userId, dates);
}
