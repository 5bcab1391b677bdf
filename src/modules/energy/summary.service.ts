import type { Deps } from "../../deps.js";
import { flagsCleared } from "../../domain/days/day-plausibility.js";
import { cachedJson } from "../../http/answer-cache.js";
import { hasPendingRecomputes } from "../../jobs/recompute.js";
import { addDays, datesBetween } from "../../lib/calendar.js";
import { assertDateRange } from "../../lib/date-range.js";
import { roundUnit } from "../../lib/precision.js";
import { localDateIn } from "../../lib/zone.js";
import { answersVersionOf, getUser } from "../accounts/index.js";
import { summarizeSleep } from "../sleep/index.js";
import { dailyEnergyBounds, listDailyEnergy } from "./energy.repo.js";

const REASON_BY_STATUS: Record<string, string> = {
  partial: "partial: the wearable covered too few hours, or the food log looks incomplete",
  in_progress: "in progress: the day is not over yet",
  no_intake: "intake not logged (unknown, not zero)",
  no_data: "no wearable data",
};
const REASON_BY_FLAG: Record<string, string> = {
  implausible_intake: "implausible intake: confirm the day (PUT /v1/days/{date}/confirm) to count it",
  implausible_burn: "implausible burn: confirm the day (PUT /v1/days/{date}/confirm) to count it",
};

const mean = (values: number[]) => (values.length === 0 ? null : roundUnit(values.reduce((s, v) => s + v, 0) / values.length, "kcal"));

// One answer lists every day of its range: ten years at most, enough for a whole history.
export const MAX_SUMMARY_DAYS = 3660;

/**
 * The range asked for; a missing bound is the first or last computed day (today when there is none), never past
 * the bound that was given.
 */
async function summaryRange(deps: Deps, userId: string, range: { from?: string | undefined; to?: string | undefined }) {
  if (range.from !== undefined && range.to !== undefined) {
    assertDateRange(range.from, range.to, MAX_SUMMARY_DAYS);
    return { from: range.from, to: range.to };
  }
  const bounds = (await dailyEnergyBounds(deps.db, userId)) ?? (await todayBounds(deps, userId));
  const to = range.to ?? (range.from !== undefined && range.from.localeCompare(bounds.last) > 0 ? range.from : bounds.last);
  // A default start never makes the range longer than one answer may be: the last MAX_SUMMARY_DAYS days at most.
  const earliest = addDays(to, -(MAX_SUMMARY_DAYS - 1));
  const first = bounds.first.localeCompare(earliest) < 0 ? earliest : bounds.first;
  const from = range.from ?? (to.localeCompare(first) < 0 ? to : first);
  assertDateRange(from, to, MAX_SUMMARY_DAYS);
  return { from, to };
}

async function todayBounds(deps: Deps, userId: string): Promise<{ first: string; last: string }> {
  const today = localDateIn(deps.clock.now(), (await getUser(deps, userId)).timeZone);
  return { first: today, last: today };
}

/**
 * `summarize` as JSON text, kept per process under the user's answers version (as `listDaysJson`). The version
 * moves with changes the summary does not read too (a new projection, a workout): those cost one recomputed
 * summary, never a stale one.
 */
export async function summarizeJson(deps: Deps, userId: string, range: { from?: string | undefined; to?: string | undefined }) {
  const { from, to } = await summaryRange(deps, userId, range);
  const { version } = await answersVersionOf(deps, userId);
  return cachedJson(deps, `summary|${userId}|${from}|${to}`, version, () => summarize(deps, userId, from, to));
}

/**
 * Means over complete, logged days only, without unconfirmed implausible days (docs/science.md §2.2, §3.7); every
 * other day is listed with why it was left out.
 */
async function summarize(deps: Deps, userId: string, from: string, to: string) {
  const [rows, pending, sleep] = await Promise.all([
    listDailyEnergy(deps.db, userId, from, to),
    hasPendingRecomputes(deps, userId),
    summarizeSleep(deps, userId, from, to),
  ]);
  const byDate = new Map(rows.map((row) => [row.localDate, row]));
  const used = [];
  const excluded = [];
  for (const date of datesBetween(from, to)) {
    const row = byDate.get(date);
    if (row && row.status === "complete" && flagsCleared(row) && row.deficitKcal !== null && row.burnedKcal !== null && row.intakeKcal !== null) {
      used.push({ deficitKcal: row.deficitKcal, burnedKcal: row.burnedKcal, intakeKcal: row.intakeKcal });
    } else if (row && row.status === "complete" && row.flags[0] !== undefined) {
      excluded.push({ date, reason: REASON_BY_FLAG[row.flags[0]] ?? row.flags[0] });
    } else {
      const status = row?.status ?? "no_data";
      excluded.push({ date, reason: REASON_BY_STATUS[status] ?? status });
    }
  }
  return {
    from,
    to,
    days_used: used.length,
    mean_deficit_kcal: mean(used.map((d) => d.deficitKcal)),
    mean_burned_kcal: mean(used.map((d) => d.burnedKcal)),
    mean_intake_kcal: mean(used.map((d) => d.intakeKcal)),
    ...sleep,
    excluded,
    pending,
  };
}
