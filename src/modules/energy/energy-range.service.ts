import type { dailyEnergy, UserRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { type AssembledDay, assembleDay } from "../../domain/days/day-assembly.js";
import { emptyDayMeasures, measureDays } from "../../domain/days/day-measures.js";
import type { DaySampleRow } from "../../domain/days/day-records.js";
import { LocalDayCalendar } from "../../domain/days/day-rule.js";
import type { PersonForEstimates } from "../../domain/energy/workout-estimates.js";
import { recomputeDaysBestEffort } from "../../jobs/recompute.js";
import { addDays, ageYears, datesBetween, nextDate, utcMidnightMs } from "../../lib/calendar.js";
import { type LocalDayWindow, localDateIn, localDayWindow, ZoneCache } from "../../lib/zone.js";
import { findUser } from "../accounts/index.js";
import { refreshWeighInOutliers } from "../body/index.js";
import { countHiitSessionsByDate } from "../hiit/index.js";
import { intakeForRange } from "../intake/index.js";
import {
  confirmedFlagsBetween,
  type ReadSpan,
  rangeSamples,
  rangeWorkouts,
  upsertDailyEnergyRows,
  userSources,
  weightsThrough,
} from "./energy-range.repo.js";

/** Days read and written together: bigger chunks decode one huge result set for no gain (BENCHMARKS.md, bench:api). */
export const RECOMPUTE_CHUNK_DAYS = 31;
/** Chunks in flight: the reads of one overlap the JS of the other. */
const CHUNKS_IN_FLIGHT = 2;

type DailyEnergyInsert = typeof dailyEnergy.$inferInsert;

/**
 * Recomputes every local day in [from, to] from the raw rows and upserts their daily_energy rows, a chunk of
 * ≤ 31 days at a time. Never increments: rerunning writes the same numbers. Returns the number of days
 * written, or null when the user no longer exists. recomputeDay is the one-day case of this.
 */
export async function recomputeDays(deps: Deps, userId: string, from: string, to: string): Promise<number | null> {
  const user = await findUser(deps, userId);
  if (!user) return null;
  await reclassifyWeighIns(deps, userId, from, to);
  const windows = datesBetween(from, to).map((d) => localDayWindow(d, user.timeZone));
  const zone = new ZoneCache(user.timeZone);
  const chunks: LocalDayWindow[][] = [];
  for (let i = 0; i < windows.length; i += RECOMPUTE_CHUNK_DAYS) chunks.push(windows.slice(i, i + RECOMPUTE_CHUNK_DAYS));
  await Promise.all(
    Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, async () => {
      for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) await recomputeChunk(deps, user, chunk, zone);
    }),
  );
  return windows.length;
}

const MS_PER_HOUR = 3_600_000;
// Inhabited offsets run from UTC−12 to UTC+14: a local date's instants lie within these of its UTC midnights.
const EARLIEST_OFFSET_MS = 14 * MS_PER_HOUR;
const LATEST_OFFSET_MS = 12 * MS_PER_HOUR;
/** Records whose own start date lies this many days around the chunk can reach it (day-long rows, far offsets). */
const START_DATE_MARGIN_DAYS = { before: 3, after: 2 } as const;

/** Every instant the chunk's local dates can hold at any offset, so the merge sees every row competing for them. */
export function readSpanOf(fromDate: string, toDate: string): ReadSpan {
  return {
    startMs: utcMidnightMs(fromDate) - EARLIEST_OFFSET_MS,
    endMs: utcMidnightMs(nextDate(toDate)) + LATEST_OFFSET_MS,
    fromDate: addDays(fromDate, -START_DATE_MARGIN_DAYS.before),
    toDate: addDays(toDate, START_DATE_MARGIN_DAYS.after),
  };
}

/** Hours of the day gone by at `nowMs` while it is the profile zone's current local day or a later one. */
function elapsedHoursOf(window: LocalDayWindow, todayDate: string, nowMs: number): number | null {
  if (window.localDate < todayDate) return null;
  return Math.min(window.hours, Math.max(0, nowMs - window.startMs) / MS_PER_HOUR);
}

async function recomputeChunk(deps: Deps, user: UserRow, windows: readonly LocalDayWindow[], zone: ZoneCache): Promise<void> {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) return;
  const span = readSpanOf(first.localDate, last.localDate);
  const [sources, rawSamples, workouts, intakeOf, weights, hiitByDate, confirmations] = await Promise.all([
    userSources(deps.sql, user.id),
    rangeSamples(deps.sql, user.id, span),
    rangeWorkouts(deps.sql, user.id, span),
    intakeForRange(deps.db, user.id, first.localDate, last.localDate),
    weightsThrough(deps.sql, user.id, first.startMs, last.endMs),
    countHiitSessionsByDate(deps, user.id, first.localDate, last.localDate),
    confirmedFlagsBetween(deps.db, user.id, first.localDate, last.localDate),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  // Fresh literals, not spreads: postgres.js rows are dictionary-mode objects, and spreading them made the
  // per-row work ~3x slower (measured).
  const samples: DaySampleRow[] = rawSamples.map((r) => {
    const src = sourceById.get(r.sourceId);
    return {
      type: r.type,
      sourceId: r.sourceId,
      deviceType: src?.deviceType ?? "app",
      sourceName: src?.name ?? "?",
      priority: src?.priority ?? null,
      startMs: r.startMs,
      endMs: r.endMs,
      value: r.value,
      utcOffsetMin: r.utcOffsetMin,
    };
  });
  const measures = measureDays(new LocalDayCalendar(windows, (ms) => zone.offsetMinAt(ms)), samples, workouts);
  const now = deps.clock.now();
  const todayDate = localDateIn(now, user.timeZone);
  const names = new Map(sources.map((s) => [s.id, { name: s.name, deviceType: s.deviceType }]));
  const rows: DailyEnergyInsert[] = [];
  let weightIndex = -1;
  windows.forEach((window, i) => {
    // The latest weight measured at or before the day's end (the profile's weight when there is none).
    while ((weights[weightIndex + 1]?.atMs ?? Number.POSITIVE_INFINITY) <= window.endMs) weightIndex++;
    const intake = intakeOf(window.localDate);
    const day = assembleDay({
      localDate: window.localDate,
      dayLengthHours: window.hours,
      elapsedHours: elapsedHoursOf(window, todayDate, now.getTime()),
      person: personOn(user, weights[weightIndex]?.weightKg ?? null, window.localDate),
      measures: measures[i] ?? emptyDayMeasures(),
      intake: {
        totalKcal: intake.intakeKcal,
        entryCount: intake.entryCount,
        status: intake.status,
        fasted: intake.fasted,
        possiblyPartial: intake.possiblyPartial,
      },
      sources: names,
      confirmedFlags: confirmations.get(window.localDate) ?? [],
    });
    rows.push(dailyEnergyRow(user.id, window, day, hiitByDate.get(window.localDate) ?? 0, now));
  });
  await upsertDailyEnergyRows(deps.db, rows);
}

function dailyEnergyRow(userId: string, window: LocalDayWindow, day: AssembledDay, hiitSessions: number, now: Date): DailyEnergyInsert {
  return {
    userId,
    localDate: window.localDate,
    basalKcal: day.energy.basalKcal,
    activeKcal: day.energy.activeKcal,
    burnedKcal: day.energy.burnedKcal,
    burnedLowKcal: day.burnedRange?.[0] ?? null,
    burnedHighKcal: day.burnedRange?.[1] ?? null,
    intakeKcal: day.energy.intakeKcal,
    deficitKcal: day.energy.deficitKcal,
    steps: day.steps,
    status: day.status,
    coverageHours: day.coverageHours,
    dayLengthHours: window.hours,
    intakeStatus: day.intakeStatus,
    basalMethod: day.basalMethod,
    activeMethod: day.activeMethod,
    breakdown: day.breakdown,
    hiitSessions,
    flags: day.flags,
    flagsConfirmed: day.flagsConfirmed,
    computedAt: now,
  };
}

/**
 * Imports and syncs write weigh-ins without judging them: their outlier flags are derived here, before the days read
 * the weights, and the days outside this range whose weight changed with a flag are queued too.
 */
async function reclassifyWeighIns(deps: Deps, userId: string, from: string, to: string): Promise<void> {
  const outside = (await refreshWeighInOutliers(deps.db, userId)).filter((d) => d < from || d > to);
  if (outside.length > 0) await recomputeDaysBestEffort(deps, userId, outside);
}

/** The profile with the latest measured weight (else the profile's), or null without a full profile. */
function personOn(user: UserRow, measuredWeightKg: number | null, localDate: string): PersonForEstimates | null {
  const weightKg = measuredWeightKg ?? user.weightKg;
  return user.sex && user.birthDate && user.heightCm && weightKg
    ? { sex: user.sex, ageYears: ageYears(user.birthDate, localDate), heightCm: user.heightCm, weightKg }
    : null;
}
