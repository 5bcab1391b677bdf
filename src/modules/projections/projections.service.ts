import type { Deps } from "../../deps.js";
import { CALIBRATION_WINDOW_DAYS, TREND_LOOKBACK_DAYS } from "../../domain/projections/week-facts.js";
import { MEASURED_BODY_FAT_MAX_AGE_DAYS } from "../../domain/projections/week-person.js";
import { projectWeek } from "../../domain/projections/week-projection.js";
import { cachedJson } from "../../http/answer-cache.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";
import { addDays, DAYS_PER_WEEK, weekEndOf, weekStartOf } from "../../lib/calendar.js";
import { type CursorPosition, decodeCursor, invalidCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { localDateIn } from "../../lib/zone.js";
import { answersVersionOf, findUser } from "../accounts/index.js";
import { presentWeekProjection } from "./projections.presenters.js";
import {
  deleteWeekProjections,
  energyDays,
  latestBodyFatPctBetween,
  latestWeightKgOnOrBefore,
  listWeekProjections,
  upsertWeekProjections,
  weekCursorPosition,
  weighIns,
} from "./projections.repo.js";

export type WeekProjectionOutcome = "projected" | "no-days" | "no-user";

/** Rewrites the user's two rows for one week from daily_energy and body_measurements (never incremented). */
export async function projectUserWeek(deps: Deps, userId: string, weekStart: string): Promise<WeekProjectionOutcome> {
  const user = await findUser(deps, userId);
  if (!user) return "no-user";
  const weekEnd = weekEndOf(weekStart);
  const [days, weights, latestWeightKg, measuredBodyFatPercent] = await Promise.all([
    energyDays(deps.db, userId, addDays(weekEnd, -(CALIBRATION_WINDOW_DAYS - 1)), weekEnd),
    weighIns(deps.db, userId, addDays(weekStart, -TREND_LOOKBACK_DAYS), weekEnd),
    latestWeightKgOnOrBefore(deps.db, userId, weekEnd),
    latestBodyFatPctBetween(deps.db, userId, addDays(weekEnd, -MEASURED_BODY_FAT_MAX_AGE_DAYS), weekEnd),
  ]);
  if (!days.some((d) => d.localDate >= weekStart)) {
    await deleteWeekProjections(deps.db, userId, weekStart);
    return "no-days";
  }
  const rows = projectWeek({
    weekStart,
    days,
    weights,
    latestWeightKg,
    measuredBodyFatPercent,
    profile: { sex: user.sex, birthDate: user.birthDate, heightCm: user.heightCm, weightKg: user.weightKg },
  });
  await upsertWeekProjections(deps.db, userId, weekStart, rows, deps.clock.now());
  return "projected";
}

/** The scheduled Monday run: the local week that ended before today (by the injected clock) in the user's zone. */
export async function projectLastWeek(deps: Deps, userId: string): Promise<{ weekStart: string; outcome: WeekProjectionOutcome } | null> {
  const user = await findUser(deps, userId);
  if (!user) return null;
  const weekStart = addDays(weekStartOf(localDateIn(deps.clock.now(), user.timeZone)), -DAYS_PER_WEEK);
  return { weekStart, outcome: await projectUserWeek(deps, userId, weekStart) };
}

type WeeksQuery = { from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number };

/**
 * A page of rows (of the weeks overlapping [from, to] when given), and whether recomputes or projections are still
 * on their way, as JSON text kept per process (src/http/answer-cache.ts). The tag is the user's answers version
 * (weeks and the dirty-days outbox move it) and the projection marker: `projectionPending` when the auth middleware
 * read it along the request's Redis round trip, else read here.
 */
export async function listWeeklyProjectionsJson(deps: Deps, userId: string, q: WeeksQuery, projectionPending: boolean | undefined) {
  assertRangeOrder(q.from, q.to);
  const after = q.cursor ? weekPosition(decodeCursor(q.cursor)) : undefined;
  const [{ version }, weeksPending] = await Promise.all([
    answersVersionOf(deps, userId),
    projectionPending ?? deps.pending.isPending(["projection"], userId),
  ]);
  // The cursor last: it is the client's text, nothing after it can be confused with it.
  const key = `weekly|${userId}|${q.from ?? ""}|${q.to ?? ""}|${q.limit}|${q.cursor ?? ""}`;
  return cachedJson(deps, key, `${version}|${weeksPending}`, async () => {
    const query = {
      fromWeekStart: q.from === undefined ? undefined : weekStartOf(q.from),
      to: q.to,
      limit: q.limit + 1,
      ...(after ? { after } : {}),
    };
    // A recompute queues the projections of its weeks, so either is `pending`.
    const [rows, daysPending] = await Promise.all([listWeekProjections(deps.db, userId, query), hasPendingRecomputes(deps, userId)]);
    const page = paginate(rows, q.limit, weekCursorPosition);
    return { weeks: page.items.map(presentWeekProjection), next_cursor: page.nextCursor, pending: daysPending || weeksPending };
  });
}

/** A decoded cursor as a (week, model) position; a model this API never wrote is a tampered cursor. */
function weekPosition(position: CursorPosition): { weekStart: string; model: "rule3500" | "dynamic" } {
  const model = position.id;
  if (model !== "rule3500" && model !== "dynamic") throw invalidCursor();
  return { weekStart: position.sortKey.slice(0, 10), model };
}
