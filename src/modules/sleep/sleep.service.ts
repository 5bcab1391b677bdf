import type { Deps } from "../../deps.js";
import { createRankOf } from "../../domain/samples/source-priority.js";
import { type SleepDay, sleepDays, sleepSummary } from "../../domain/sleep/sleep-nights.js";
import { addDays } from "../../lib/calendar.js";
import type { DeviceType } from "../../lib/vocabulary.js";
import { presentSleepDay } from "./sleep.presenters.js";
import { type SleepSourceRow, sleepRowsBetween, sleepSources } from "./sleep.repo.js";

// A session ending on a date started at most this many days before (a night, or a long nap before it).
const SESSION_LOOKBACK_DAYS = 2;

/** Lower wins: the person's own source order first, else the device type (src/domain/samples/source-priority.ts). */
function rankerFor(sources: readonly SleepSourceRow[]): (sourceId: string) => number {
  const byId = new Map(sources.map((s) => [String(s.id), s]));
  const rankOf = createRankOf({ deviceTypeOf: (id) => (byId.get(id)?.deviceType as DeviceType | undefined) ?? null });
  return (id) => byId.get(id)?.priority ?? rankOf(id);
}

interface SleepRead {
  days: Map<string, SleepDay>;
  sourceName: (sourceId: string) => string;
}

/** The local dates of the stage samples the sleep of [from, to] is computed from (sessions start before their date). */
function sleepSampleDates(from: string, to: string): { sleepFrom: string; sleepTo: string } {
  return { sleepFrom: addDays(from, -SESSION_LOOKBACK_DAYS), sleepTo: to };
}

/** Sleep per local date in [from, to], computed from the raw stage samples each time (sessions cross dates). */
async function readSleep(deps: Deps, userId: string, from: string, to: string): Promise<SleepRead> {
  const { sleepFrom, sleepTo } = sleepSampleDates(from, to);
  const rows = await sleepRowsBetween(deps.sql, userId, sleepFrom, sleepTo);
  const sources = await sleepSources(deps.sql, userId, [...new Set(rows.map((r) => r.sourceId))]);
  const samples = rows.map((r) => ({ ...r, sourceId: String(r.sourceId), startMs: Number(r.startMs), endMs: Number(r.endMs) }));
  const days = sleepDays(samples, rankerFor(sources));
  for (const date of days.keys()) if (date < from || date > to) days.delete(date);
  const names = new Map(sources.map((s) => [String(s.id), s.name]));
  return { days, sourceName: (id) => names.get(id) ?? id };
}

/** Asleep minutes per local date in [from, to]; a date without sleep data is absent (unknown, never 0). */
export async function sleepMinutesByDate(deps: Deps, userId: string, from: string, to: string): Promise<Map<string, number | null>> {
  const { days } = await readSleep(deps, userId, from, to);
  return new Map([...days].map(([date, day]) => [date, day.asleepMin]));
}

/** The night (and naps) that ended on `date`, stage by stage, or null without sleep data. */
export async function sleepOfDate(deps: Deps, userId: string, date: string) {
  const { days, sourceName } = await readSleep(deps, userId, date, date);
  const day = days.get(date);
  return day ? presentSleepDay(day, sourceName) : null;
}

/** Mean sleep over the nights with known asleep minutes in [from, to], and how many reached 7 h. */
export async function summarizeSleep(deps: Deps, userId: string, from: string, to: string) {
  const byDate = await sleepMinutesByDate(deps, userId, from, to);
  const summary = sleepSummary([...byDate.values()]);
  return {
    sleep_nights: summary.nights,
    mean_sleep_minutes: summary.meanAsleepMin === null ? null : Math.round(summary.meanAsleepMin * 10) / 10,
    nights_7h_or_more: summary.nightsReachingRecommended,
  };
}
